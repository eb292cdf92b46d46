package io.helio.infra;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** A fresh RSA key pair and its private key as PKCS#8 PEM, as tenant-admin reads its signing key. */
public record RsaKeyPem(KeyPair keyPair, String privateKeyPem) {

    public static RsaKeyPem generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String body = Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(pair.getPrivate().getEncoded());
            return new RsaKeyPem(pair, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
