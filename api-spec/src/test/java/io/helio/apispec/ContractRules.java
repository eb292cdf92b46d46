package io.helio.apispec;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules every Helio contract obeys, beyond being valid OpenAPI: each operation has an
 * operationId, declared tags, a security requirement (or is explicitly public) and answers its
 * errors as {@code application/problem+json}.
 */
final class ContractRules {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PUBLIC_EXTENSION = "x-helio-public";

    private ContractRules() {}

    /** Parses the contract (resolving every file it references) and lists what breaks the rules. */
    static List<String> violations(Path contract) {
        SwaggerParseResult result = Contracts.parse(contract);
        List<String> violations = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().forEach(message -> violations.add("invalid OpenAPI: " + message));
        }
        OpenAPI api = result.getOpenAPI();
        if (api == null) {
            violations.add("not readable as OpenAPI 3");
            return violations;
        }
        Set<String> declaredTags = new HashSet<>();
        if (api.getTags() != null) {
            api.getTags().stream().map(Tag::getName).forEach(declaredTags::add);
        }
        Set<String> operationIds = new HashSet<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    String where = method + " " + path;
                    checkOperationId(operation, where, operationIds, violations);
                    checkTags(operation, where, declaredTags, violations);
                    checkSecurity(api, operation, where, violations);
                    checkProblemResponses(operation, where, violations);
                }));
        return violations;
    }

    private static void checkOperationId(Operation operation, String where, Set<String> seen, List<String> out) {
        String id = operation.getOperationId();
        if (id == null || id.isBlank()) {
            out.add(where + ": no operationId");
        } else if (!seen.add(id)) {
            out.add(where + ": operationId '" + id + "' is used twice");
        }
    }

    private static void checkTags(Operation operation, String where, Set<String> declared, List<String> out) {
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            out.add(where + ": no tags");
            return;
        }
        operation.getTags().stream()
                .filter(tag -> !declared.contains(tag))
                .forEach(tag -> out.add(where + ": tag '" + tag + "' is not declared at the top level"));
    }

    private static void checkSecurity(OpenAPI api, Operation operation, String where, List<String> out) {
        List<SecurityRequirement> effective =
                operation.getSecurity() != null ? operation.getSecurity() : api.getSecurity();
        boolean declaredPublic = Boolean.TRUE.equals(
                operation.getExtensions() == null
                        ? null
                        : operation.getExtensions().get(PUBLIC_EXTENSION));
        boolean secured = effective != null && effective.stream().anyMatch(requirement -> !requirement.isEmpty());
        if (!secured && !declaredPublic) {
            out.add(where + ": no security requirement (mark it " + PUBLIC_EXTENSION
                    + ": true if it is meant to be public)");
        }
        if (secured && declaredPublic) {
            out.add(where + ": is marked public but has a security requirement");
        }
        if (secured) {
            Map<String, ?> schemes =
                    api.getComponents() == null ? null : api.getComponents().getSecuritySchemes();
            effective.stream()
                    .flatMap(requirement -> requirement.keySet().stream())
                    .filter(scheme -> schemes == null || !schemes.containsKey(scheme))
                    .forEach(scheme -> out.add(where + ": security scheme '" + scheme + "' is not declared"));
        }
    }

    private static void checkProblemResponses(Operation operation, String where, List<String> out) {
        boolean anyError = false;
        for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
            if (!isError(response.getKey())) {
                continue;
            }
            anyError = true;
            Content content = response.getValue().getContent();
            if (content == null || !content.containsKey(PROBLEM_JSON)) {
                out.add(where + ": error response " + response.getKey() + " is not " + PROBLEM_JSON);
            }
        }
        if (!anyError) {
            out.add(where + ": declares no error response as " + PROBLEM_JSON);
        }
    }

    private static boolean isError(String status) {
        return status.equals("default") || status.startsWith("4") || status.startsWith("5");
    }
}
