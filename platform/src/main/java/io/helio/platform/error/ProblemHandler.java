package io.helio.platform.error;

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

    @ExceptionHandler(PlatformException.class)
    ResponseEntity<ProblemDetail> catalogued(PlatformException e) {
        if (e.error().status().is5xxServerError()) {
            log.warn("{}: {}", e.error(), e.getMessage(), e.getCause());
        }
        return Problems.response(e.error(), e.getMessage());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return Problems.response(PlatformError.VALIDATION_FAILED, detail);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        String detail = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
                .collect(Collectors.joining("; "));
        return Problems.response(PlatformError.VALIDATION_FAILED, detail);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidPathOrQuery(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(violation -> lastNode(violation.getPropertyPath().toString()) + " " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return Problems.response(PlatformError.VALIDATION_FAILED, detail);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        return Problems.response(
                PlatformError.VALIDATION_FAILED, e.getReason() == null ? "unreadable request" : e.getReason());
    }

    /** {@code getProduct.productKey} names the parameter as {@code productKey}. */
    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse rejected) {
            PlatformError error =
                    PlatformError.forStatus(rejected.getStatusCode().value());
            return Problems.response(
                    error,
                    rejected.getBody().getDetail() == null
                            ? error.name()
                            : rejected.getBody().getDetail());
        }
        log.error("unexpected failure", e);
        return Problems.response(PlatformError.INTERNAL_ERROR, "an unexpected error occurred");
    }
}
