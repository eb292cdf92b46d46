package io.helio.errors;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/** Renders catalogue errors as RFC 9457 problem details with {@code code} and {@code hint}. */
public final class Problems {

    private static final String TYPE_BASE = "https://helio.io/problems/";

    private Problems() {}

    public static ProblemDetail of(ErrorCode error, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.status(), detail);
        problem.setType(
                URI.create(TYPE_BASE + error.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(error.status().getReasonPhrase());
        problem.setProperty("code", error.name());
        problem.setProperty("hint", error.hint());
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ErrorCode error, String detail) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(error, detail));
    }

    /** "field message; field message" for an invalid request body. */
    public static String describe(BindingResult invalid) {
        return invalid.getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .collect(Collectors.joining("; "));
    }

    /** "parameter message; ..." for invalid path or query parameters. */
    public static String describe(HandlerMethodValidationException invalid) {
        return invalid.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
                .collect(Collectors.joining("; "));
    }

    /** "parameter message; ..." from a validating proxy, whose paths read "method.parameter". */
    public static String describe(ConstraintViolationException invalid) {
        return invalid.getConstraintViolations().stream()
                .map(violation -> {
                    String path = violation.getPropertyPath().toString();
                    return path.substring(path.lastIndexOf('.') + 1) + " " + violation.getMessage();
                })
                .sorted()
                .collect(Collectors.joining("; "));
    }
}
