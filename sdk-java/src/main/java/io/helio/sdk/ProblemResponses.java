package io.helio.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an error response before the generated code does and throws it as a typed
 * {@link HelioApiException}: problem details give their code; anything else is named by its status.
 */
final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    static void throwIfError(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status < 400) {
            return;
        }
        String body;
        try (InputStream in = response.body()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the error response", e);
        }
        throw fromBody(status, body);
    }

    static HelioApiException fromBody(int status, String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String code = problem.path("code").asString("");
            if (!code.isEmpty()) {
                String detail =
                        problem.path("detail").asString(problem.path("title").asString(""));
                return HelioApiException.of(
                        status, code, detail, problem.path("hint").asString(null));
            }
        } catch (JacksonException notJson) {
            // fall through: not a problem document
        }
        return HelioApiException.of(status, "HTTP_" + status, body.isBlank() ? "no details" : body.strip(), null);
    }
}
