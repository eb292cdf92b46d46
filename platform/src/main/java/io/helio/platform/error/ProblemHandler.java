package io.helio.platform.error;

import io.helio.errors.ApiException;
import io.helio.errors.CommonError;
import io.helio.errors.Problems;
import jakarta.validation.ConstraintViolationException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ServerWebInputException;

/** Turns every failure of the platform API into a problem response from the catalogue. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> catalogued(ApiException e) {
        if (e.error().status().is5xxServerError()) {
            log.warn("{}: {}", e.error().name(), e.getMessage(), e.getCause());
        }
        return Problems.response(e.error(), e.getMessage());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e.getBindingResult()));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e));
    }

    /** Constraints on path and query parameters, checked by method validation of the generated interfaces. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidPathOrQuery(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(violation -> lastNode(violation.getPropertyPath().toString()) + " " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return Problems.response(CommonError.VALIDATION_FAILED, detail);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        return Problems.response(
                CommonError.VALIDATION_FAILED, e.getReason() == null ? "unreadable request" : e.getReason());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse rejected) {
            CommonError error = CommonError.forStatus(rejected.getStatusCode().value());
            String detail = rejected.getBody().getDetail();
            return Problems.response(error, detail == null ? error.name() : detail);
        }
        log.error("unexpected failure", e);
        return Problems.response(CommonError.INTERNAL_ERROR, "an unexpected error occurred");
    }

    /** {@code getProduct.productKey} names the parameter as {@code productKey}. */
    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
