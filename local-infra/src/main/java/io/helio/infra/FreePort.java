package io.helio.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port on the loopback interface that nothing listens on right now, chosen below Linux's
 * ephemeral range (32768 and up): a port the kernel handed out would be free only until it hands it
 * out again as the local end of some outgoing connection — before the server that asked got to bind it.
 * A port is handed out once per JVM: a stack picks its services' ports before it starts PostgreSQL,
 * which picks its own, and the two must not meet.
 */
public final class FreePort {

    private static final int LOWEST = 20_000;
    private static final int ABOVE_HIGHEST = 32_768;
    private static final int TRIES = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {}

    public static int next() {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException taken) {
                // someone listens there: try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ABOVE_HIGHEST);
    }
}
