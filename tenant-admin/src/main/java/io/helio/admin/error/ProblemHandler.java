package io.helio.admin.error;

import io.helio.errors.ApiException;
import io.helio.errors.BaseProblemHandler;
import io.helio.errors.CommonError;
import io.helio.errors.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns every failure of the admin API (servlet stack) into a problem response from the catalogue. */
@RestControllerAdvice
public class ProblemHandler extends BaseProblemHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> catalogued(ApiException e, HttpServletRequest request) {
        return catalogued(e, RequestIds.of(request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        return unexpected(e, RequestIds.of(request));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e.getBindingResult()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        return Problems.response(CommonError.VALIDATION_FAILED, "the request could not be read: " + firstLine(e));
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
