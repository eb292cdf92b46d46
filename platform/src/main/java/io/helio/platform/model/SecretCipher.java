package io.helio.platform.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Secrets the platform must read back, at rest: device and product secrets (the EnOS signature is a
 * digest over the secret) and the secrets that sign webhooks. They are kept encrypted (AES-256-GCM,
 * their owner as associated data so a ciphertext cannot be moved to another owner) rather than hashed.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "the device secret key must be 32 bytes (base64 in helio.model.secret-key)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public byte[] encrypt(String secret, ProductKey product, @Nullable DeviceKey device) {
        return encrypt(secret, owner(product, device));
    }

    public String decrypt(byte[] stored, ProductKey product, @Nullable DeviceKey device) {
        return decrypt(stored, owner(product, device));
    }

    /** Encrypts a secret bound to its owner (any name that identifies it). */
    public byte[] encrypt(String secret, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, owner);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    public String decrypt(byte[] stored, String owner) {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        try {
            return new String(cipher(Cipher.DECRYPT_MODE, nonce, owner).doFinal(sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the secret of " + owner, e);
        }
    }

    private static String owner(ProductKey product, @Nullable DeviceKey device) {
        return device == null ? product.value() : product.value() + "/" + device.value();
    }

    private Cipher cipher(int mode, byte[] nonce, String owner) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
