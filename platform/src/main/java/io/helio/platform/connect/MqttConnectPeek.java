package io.helio.platform.connect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Reads the credentials of an MQTT CONNECT packet from the first bytes of a connection, as far as
 * they have arrived: a connection's certificate is tied to exactly the CONNECT it carried.
 */
final class MqttConnectPeek {

    /** The credentials of one CONNECT; the password as Base64 so that the record compares by value. */
    record ConnectCredentials(String clientId, String username, String password) {

        static ConnectCredentials of(@Nullable String clientId, @Nullable String username, byte @Nullable [] password) {
            return new ConnectCredentials(
                    clientId == null ? "" : clientId,
                    username == null ? "" : username,
                    password == null ? "" : Base64.getEncoder().encodeToString(password));
        }
    }

    private static final int CONNECT = 1;
    private static final int WILL_FLAG = 0x04;
    private static final int PASSWORD_FLAG = 0x40;
    private static final int USERNAME_FLAG = 0x80;

    private final byte[] bytes;
    private final int length;
    private int position;

    private MqttConnectPeek(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * The credentials once the whole CONNECT has arrived in {@code bytes[0, length)}; null while it has
     * not, or when these bytes do not start with a CONNECT.
     */
    static @Nullable ConnectCredentials read(byte[] bytes, int length) {
        try {
            return new MqttConnectPeek(bytes, length).connect();
        } catch (IndexOutOfBoundsException incomplete) {
            return null;
        }
    }

    private @Nullable ConnectCredentials connect() {
        if (unsignedByte() >> 4 != CONNECT) {
            return null;
        }
        int remaining = remainingLength();
        if (remaining < 0 || position + remaining > length) {
            return null;
        }
        string(); // protocol name
        position++; // protocol level
        int flags = unsignedByte();
        position += 2; // keep-alive
        String clientId = string();
        if ((flags & WILL_FLAG) != 0) {
            field(); // will topic
            field(); // will message
        }
        String username = (flags & USERNAME_FLAG) != 0 ? string() : null;
        byte[] password = (flags & PASSWORD_FLAG) != 0 ? field() : null;
        return ConnectCredentials.of(clientId, username, password);
    }

    /** MQTT's variable-length integer, at most four bytes; -1 when longer. */
    private int remainingLength() {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int digit = unsignedByte();
            value |= (digit & 0x7F) << shift;
            if ((digit & 0x80) == 0) {
                return value;
            }
        }
        return -1;
    }

    private String string() {
        return new String(field(), StandardCharsets.UTF_8);
    }

    private byte[] field() {
        int size = (unsignedByte() << 8) | unsignedByte();
        if (position + size > length) {
            throw new IndexOutOfBoundsException(position + size);
        }
        byte[] field = Arrays.copyOfRange(bytes, position, position + size);
        position += size;
        return field;
    }

    private int unsignedByte() {
        if (position >= length) {
            throw new IndexOutOfBoundsException(position);
        }
        return bytes[position++] & 0xFF;
    }
}
