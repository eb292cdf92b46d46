package io.helio.admin.error;

import io.helio.errors.ApiException;
import io.helio.errors.CommonError;
import io.helio.errors.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns every failure of the admin API into a problem response from the catalogue. */
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

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e.getBindingResult()));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        return Problems.response(CommonError.VALIDATION_FAILED, "the request could not be read: " + firstLine(e));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse rejected) {
            return Problems.response(
                    CommonError.forStatus(rejected.getStatusCode().value()), firstLine(e));
        }
        log.error("unexpected failure", e);
        return Problems.response(CommonError.INTERNAL_ERROR, "an unexpected error occurred");
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null
                ? root.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }
}
