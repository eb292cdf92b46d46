package io.helio.platform.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/** A TLS listener's certificate and private key, from a key store file. */
public final class ServerKeys {

    private ServerKeys() {}

    public static KeyManagerFactory load(Path keyStore, String type, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore keys = KeyStore.getInstance(type);
            keys.load(in, password);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            return managers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key store " + keyStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the key store " + keyStore, e);
        }
    }
}
