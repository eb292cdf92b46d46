package io.helio.platform.error;

import io.helio.errors.BaseProblemHandler;
import io.helio.errors.CommonError;
import io.helio.errors.Problems;
import jakarta.validation.ConstraintViolationException;
import java.util.stream.Collectors;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/** Turns every failure of the platform API (reactive stack) into a problem response from the catalogue. */
@RestControllerAdvice
public class ProblemHandler extends BaseProblemHandler {

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e.getBindingResult()));
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

    /** {@code getProduct.productKey} names the parameter as {@code productKey}. */
    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
