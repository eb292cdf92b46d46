package io.helio.apispec;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Helio's contracts for tests that walk every operation (the contract rules, the services'
 * attack suites). Shipped in this module's test jar.
 */
public final class Contracts {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");

    private Contracts() {}

    /** The contract at {@code openapiYaml} with every file it references resolved. */
    public static SwaggerParseResult parse(Path openapiYaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return new OpenAPIV3Parser().readLocation(openapiYaml.toUri().toString(), null, options);
    }

    /** The contract {@code api} (platform-api, admin-api), from a module beside api-spec. */
    public static OpenAPI read(String api) {
        return parse(Path.of("../api-spec/src/main/openapi", api, "openapi.yaml"))
                .getOpenAPI();
    }

    /** The scopes of which an operation accepts any (its alternative requirements), or null when it is public. */
    public static List<String> declaredScopes(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (security != null && security.isEmpty()) {
            return null;
        }
        return security == null
                ? List.of()
                : security.stream()
                        .flatMap(requirement -> requirement.getOrDefault("oauth2", List.of()).stream())
                        .toList();
    }

    /** The path with its parameters and the operation's required query parameters given by {@code values}. */
    public static String uri(String template, Operation operation, UnaryOperator<String> values) {
        Matcher parameters = PATH_PARAMETER.matcher(template);
        StringBuilder uri = new StringBuilder();
        while (parameters.find()) {
            parameters.appendReplacement(uri, values.apply(parameters.group(1)));
        }
        parameters.appendTail(uri);
        List<String> query = new ArrayList<>();
        // a stream answers as long as it is not refused: fill its filters too, so that one naming
        // another tenant's ids is refused rather than left open
        boolean streams = streams(operation);
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if ("query".equals(parameter.getIn()) && (streams || Boolean.TRUE.equals(parameter.getRequired()))) {
                    query.add(parameter.getName() + "=" + values.apply(parameter.getName()));
                }
            }
        }
        return query.isEmpty() ? uri.toString() : uri + "?" + String.join("&", query);
    }

    /** Whether the operation answers a Server-Sent Events stream. */
    public static boolean streams(Operation operation) {
        var ok = operation.getResponses() == null
                ? null
                : operation.getResponses().get("200");
        return ok != null && ok.getContent() != null && ok.getContent().containsKey("text/event-stream");
    }
}
