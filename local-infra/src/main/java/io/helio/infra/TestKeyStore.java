package io.helio.infra;

import io.helio.protocol.KeyStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate for 127.0.0.1 in a PKCS#12 key store, made once per test run with
 * the JDK's keytool; the client side that trusts it; and devices' own keys with their certificates.
 */
public final class TestKeyStore {

    public static final String PASSWORD = "helio-tls-for-tests";

    private static Path keyStore;

    private TestKeyStore() {}

    public static synchronized Path path() {
        if (keyStore == null) {
            Path file = newFolder().resolve("server.p12");
            genkeypair(
                    file,
                    "-alias",
                    "helio",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1",
                    "-validity",
                    "2");
            keyStore = file;
        }
        return keyStore;
    }

    /**
     * A device's own key pair with a self-signed certificate for {@code CN=commonName}, valid from
     * {@code start} (keytool's form: "-3d" is three days ago) for {@code days} days.
     */
    public record ClientKey(Path keyStore, String certificatePem) {

        /** Sockets that present this client certificate and trust the test server certificate. */
        public SSLSocketFactory sockets() throws Exception {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    KeyStores.keys(keyStore, "PKCS12", PASSWORD).getKeyManagers(), trust().getTrustManagers(), null);
            return context.getSocketFactory();
        }
    }

    /** A client key whose certificate is valid now, for two days. */
    public static ClientKey clientKey(String commonName) {
        return clientKey(commonName, "-1H", 2);
    }

    public static ClientKey clientKey(String commonName, String start, int days) {
        Path file = newFolder().resolve("client.p12");
        genkeypair(
                file,
                "-alias",
                "device",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + commonName,
                "-startdate",
                start,
                "-validity",
                Integer.toString(days));
        String pem = keytool(
                "-exportcert", "-rfc", "-alias", "device", "-keystore", file.toString(), "-storepass", PASSWORD);
        return new ClientKey(file, pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----")));
    }

    /** A new PKCS#12 key store {@code file} with one key pair, its password {@link #PASSWORD}. */
    private static void genkeypair(Path file, String... pair) {
        List<String> arguments = new ArrayList<>(List.of("-genkeypair"));
        arguments.addAll(List.of(pair));
        arguments.addAll(List.of(
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        keytool(arguments.toArray(String[]::new));
    }

    private static Path newFolder() {
        try {
            return Files.createTempDirectory("helio-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the JDK's keytool; its output. */
    private static String keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process keytool =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sockets that trust the test server certificate and nothing else. */
    public static SSLSocketFactory trusting() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust().getTrustManagers(), null);
        return context.getSocketFactory();
    }

    /** Trust in the test server certificate and nothing else. */
    public static TrustManagerFactory trust() {
        return KeyStores.trust(path(), "PKCS12", PASSWORD);
    }
}
