package io.helio.local;

import io.helio.apispec.Contracts;
import io.swagger.v3.oas.models.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real headless browser (Debian's chromium) that opens a service's API docs page, lets its
 * scripts run, and hands back the page as rendered; and the operations a contract declares.
 */
final class ApiDocsBrowser {

    private ApiDocsBrowser() {}

    /** The page's DOM after its scripts had up to 20 s (virtual time) to render it. */
    static String render(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        // no background networking: this machine's network is closed, and the page needs none of it
        Process chromium = new ProcessBuilder(
                        "chromium",
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=20000",
                        "--dump-dom",
                        url)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!chromium.waitFor(60, TimeUnit.SECONDS) || chromium.exitValue() != 0) {
            chromium.destroyForcibly();
            throw new IllegalStateException("chromium could not render " + url);
        }
        return dom;
    }

    /** Every operationId of a contract ({@code platform-api} or {@code admin-api}), as api-spec reads it. */
    static Set<String> operationIds(String contract) {
        return Contracts.read(contract).getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .map(Operation::getOperationId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> missing(String dom, Set<String> operationIds) {
        return operationIds.stream().filter(id -> !dom.contains(id)).toList();
    }
}
