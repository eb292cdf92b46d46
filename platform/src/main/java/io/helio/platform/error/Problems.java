package io.helio.platform.error;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Renders catalogue errors as RFC 9457 problem details with {@code code} and {@code hint}. */
public final class Problems {

    private static final String TYPE_BASE = "https://helio.io/problems/";

    private Problems() {}

    public static ProblemDetail of(PlatformError error, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.status(), detail);
        problem.setType(
                URI.create(TYPE_BASE + error.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(error.status().getReasonPhrase());
        problem.setProperty("code", error.name());
        problem.setProperty("hint", error.hint());
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(PlatformError error, String detail) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(error, detail));
    }
}
