package io.helio.errors;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * The problem responses both web stacks give alike: catalogued failures, invalid parameters, the
 * framework's own rejections (no route, wrong method, ...) and anything unexpected. Each service's
 * {@code @RestControllerAdvice} extends it with the exceptions of its stack (servlet or reactive).
 */
public abstract class BaseProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(BaseProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> catalogued(ApiException e) {
        if (e.error().status().is5xxServerError()) {
            log.warn("{}: {}", e.error().name(), e.getMessage(), e.getCause());
        }
        return Problems.response(e.error(), e.getMessage());
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e));
    }

    /** Constraints on path and query parameters, checked by method validation of the generated interfaces. */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> invalidParameter(ConstraintViolationException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse rejected) {
            CommonError error = CommonError.forStatus(rejected.getStatusCode().value());
            String detail = rejected.getBody().getDetail();
            return Problems.response(error, detail == null ? error.name() : detail);
        }
        log.error("unexpected failure", e);
        return Problems.response(CommonError.INTERNAL_ERROR, "an unexpected error occurred");
    }
}
