package io.helio.errors;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * The problem responses both web stacks give alike: catalogued failures, invalid parameters, the
 * framework's own rejections (no route, wrong method, ...) and anything unexpected. Each service's
 * {@code @RestControllerAdvice} extends it with the exceptions of its stack (servlet or reactive), and
 * hands the catalogued and unexpected failures over with their request's correlation.
 */
public abstract class BaseProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(BaseProblemHandler.class);

    /** A catalogued failure; one of the server's own (5xx) is logged with its request's correlation. */
    protected ResponseEntity<ProblemDetail> catalogued(ApiException e, RequestCorrelation request) {
        if (e.error().status().is5xxServerError()) {
            correlated(log.atWarn(), request)
                    .setCause(e.getCause())
                    .log(
                            "request {} (tenant {}): {}: {}",
                            request.requestId(),
                            request.tenant(),
                            e.error().name(),
                            e.getMessage());
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

    /** The framework's own rejections, as problems; anything else is logged with its request's correlation. */
    protected ResponseEntity<ProblemDetail> unexpected(Exception e, RequestCorrelation request) {
        if (e instanceof ErrorResponse rejected) {
            CommonError error = CommonError.forStatus(rejected.getStatusCode().value());
            String detail = rejected.getBody().getDetail();
            return Problems.response(error, detail == null ? error.name() : detail);
        }
        correlated(log.atError(), request)
                .setCause(e)
                .log("request {} (tenant {}) failed unexpectedly", request.requestId(), request.tenant());
        return Problems.response(CommonError.INTERNAL_ERROR, "an unexpected error occurred");
    }

    private static LoggingEventBuilder correlated(LoggingEventBuilder event, RequestCorrelation request) {
        LoggingEventBuilder withId = event.addKeyValue("requestId", request.requestId());
        return request.tenant() == null ? withId : withId.addKeyValue("tenant", request.tenant());
    }
}
