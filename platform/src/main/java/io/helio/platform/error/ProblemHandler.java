package io.helio.platform.error;

import io.helio.errors.ApiException;
import io.helio.errors.BaseProblemHandler;
import io.helio.errors.CommonError;
import io.helio.errors.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/** Turns every failure of the platform API (reactive stack) into a problem response from the catalogue. */
@RestControllerAdvice
public class ProblemHandler extends BaseProblemHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> catalogued(ApiException e, ServerWebExchange exchange) {
        return catalogued(e, RequestIds.of(exchange));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        return unexpected(e, RequestIds.of(exchange));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e) {
        return Problems.response(CommonError.VALIDATION_FAILED, Problems.describe(e.getBindingResult()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        return Problems.response(
                CommonError.VALIDATION_FAILED, e.getReason() == null ? "unreadable request" : e.getReason());
    }
}
