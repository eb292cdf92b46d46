package io.helio.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS keys and trusted certificates from key store files (PKCS12, JKS), for either end of a connection. */
public final class KeyStores {

    private KeyStores() {}

    /** A certificate with its private key: what a TLS server, or a client that proves itself, presents. */
    public static KeyManagerFactory keys(Path file, String type, String password) {
        try {
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(load(file, type, password), password.toCharArray());
            return managers;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the keys in " + file, e);
        }
    }

    /** The certificates a TLS client trusts the server's with. */
    public static TrustManagerFactory trust(Path file, String type, String password) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(file, type, password));
            return trust;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the certificates in " + file, e);
        }
    }

    private static KeyStore load(Path file, String type, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key store " + file, e);
        }
    }
}
