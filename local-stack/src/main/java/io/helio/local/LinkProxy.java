package io.helio.local;

import io.helio.infra.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between an edge and the platform that a test or a benchmark can cut (every connection
 * closed, new ones refused) and restore, as a network outage would.
 */
public final class LinkProxy implements AutoCloseable {

    private final int port = FreePort.next();
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    /** A link to {@code targetPort} on this machine, open. */
    public LinkProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        restore();
    }

    /** Where to connect instead of the target. */
    public int port() {
        return port;
    }

    /** Closes every connection through the link and refuses new ones. */
    public synchronized void cut() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /** Accepts connections again. */
    public synchronized void restore() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = server;
        daemon("link-accept", () -> accept(server));
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket edge = server.accept();
                Socket platform = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(edge);
                sockets.add(platform);
                daemon("link-up", () -> pipe(edge, platform));
                daemon("link-down", () -> pipe(platform, edge));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                out.write(chunk, 0, read);
            }
        } catch (IOException cut) {
            // the link was cut, or one side hung up
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing left to do
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
