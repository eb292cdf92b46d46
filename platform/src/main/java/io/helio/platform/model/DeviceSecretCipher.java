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
 * Device and product secrets at rest. The EnOS signature is a digest over the secret, so the platform must be able
 * to read it back: it is kept encrypted (AES-256-GCM, the owner's keys as associated data so a
 * ciphertext cannot be moved to another device or product) rather than hashed.
 */
public final class DeviceSecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public DeviceSecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "the device secret key must be 32 bytes (base64 in helio.model.secret-key)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public byte[] encrypt(String secret, ProductKey product, @Nullable DeviceKey device) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, product, device);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a device secret", e);
        }
    }

    public String decrypt(byte[] stored, ProductKey product, @Nullable DeviceKey device) {
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        try {
            return new String(
                    cipher(Cipher.DECRYPT_MODE, nonce, product, device).doFinal(sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the secret of device " + product + "/" + device, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, ProductKey product, DeviceKey device)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        String owner = device == null ? product.value() : product.value() + "/" + device.value();
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
