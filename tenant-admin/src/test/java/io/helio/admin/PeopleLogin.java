package io.helio.admin;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A person logging in the way a browser and a console do: authorization code with PKCE through
 * the login form, with cookies and without following redirects, so each step can be checked.
 */
final class PeopleLogin {

    static final String CLIENT_ID = "helio-console";
    /** Registered as {@code http://127.0.0.1/callback}; a loopback redirect may use any port. */
    static final String REDIRECT_URI = "http://127.0.0.1:43117/callback";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    final String verifier = randomVerifier();
    /** Where the authorization finally sent the browser (carries {@code error} when it refused). */
    String lastRedirect = "";

    /** Logs in and returns the token endpoint's answer for the code. */
    static HttpResponse<String> login(String username, String password, String scope) throws Exception {
        PeopleLogin login = new PeopleLogin();
        String code = login.authorize(username, password, scope, challenge(login.verifier));
        if (code == null) {
            throw new IllegalStateException("no authorization code for " + username);
        }
        return login.exchange(code, login.verifier);
    }

    static String accessToken(String username, String password, String scope) throws Exception {
        HttpResponse<String> answer = login(username, password, scope);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + answer.statusCode() + " " + answer.body());
        }
        return TenantAdminTestSupport.json(answer.body()).get("access_token").asString();
    }

    /**
     * Asks to authorize, is sent to the login form, logs in, and follows the way back to the
     * redirect URI: the code it carries, or null when the login or the authorization failed.
     */
    @Nullable
    String authorize(String username, String password, String scope, @Nullable String challenge) throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT_ID);
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", scope);
        query.put("state", "s-" + System.nanoTime());
        if (challenge != null) {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        HttpResponse<String> answer = get("/oauth2/authorize?" + form(query));
        String location = answer.headers().firstValue("Location").orElse("");
        if (location.endsWith("/login")) {
            String page = get("/login").body();
            Matcher csrf = CSRF.matcher(page);
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the login page: " + page);
            }
            HttpResponse<String> loggedIn =
                    post("/login", form(Map.of("username", username, "password", password, "_csrf", csrf.group(1))));
            location = loggedIn.headers().firstValue("Location").orElse("");
            if (location.contains("/login?error")) {
                return null;
            }
            location = browser.send(
                            HttpRequest.newBuilder(URI.create(location)).GET().build(),
                            HttpResponse.BodyHandlers.ofString())
                    .headers()
                    .firstValue("Location")
                    .orElse("");
        }
        lastRedirect = location;
        Matcher code = CODE.matcher(location);
        return location.startsWith(REDIRECT_URI) && code.find() ? code.group(1) : null;
    }

    HttpResponse<String> exchange(String code, String verifier) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", REDIRECT_URI);
        body.put("client_id", CLIENT_ID);
        body.put("code_verifier", verifier);
        return post("/oauth2/token", form(body));
    }

    static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    static String randomVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(TenantAdminTestSupport.baseUrl() + path))
                        .header("Accept", "text/html")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(TenantAdminTestSupport.baseUrl() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
