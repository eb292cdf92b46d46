package io.helio.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port on the loopback interface that nothing listens on right now, chosen below Linux's
 * ephemeral range (32768 and up): a port the kernel handed out would be free only until it hands it
 * out again as the local end of some outgoing connection — before the server that asked got to bind it.
 */
public final class FreePort {

    private static final int LOWEST = 20_000;
    private static final int ABOVE_HIGHEST = 32_768;
    private static final int TRIES = 200;

    private FreePort() {}

    public static int next() {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // someone listens there: try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ABOVE_HIGHEST);
    }
}
