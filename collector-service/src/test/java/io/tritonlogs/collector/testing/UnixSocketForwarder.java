package io.tritonlogs.collector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A loopback TCP port forwarded to a unix socket: Docker's socket as a {@code tcp://} endpoint,
 * the way a socket proxy offers it. Each connection is piped both ways by two daemon threads.
 */
public final class UnixSocketForwarder implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path socket;
    private volatile boolean silent;

    public UnixSocketForwarder(Path socket) {
        this.socket = socket;
        try {
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("forwarder-accept", this::acceptLoop);
    }

    /**
     * While silent, connections are accepted and never answered: a dockerd that hangs. Those
     * accepted meanwhile stay silent; later ones are forwarded again once this is turned off.
     */
    public void silent(boolean hang) {
        this.silent = hang;
    }

    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                if (silent) {
                    daemon("forwarder-silent", () -> swallow(client));
                    continue;
                }
                SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
                upstream.connect(UnixDomainSocketAddress.of(socket));
                daemon("forwarder-up", () -> pipe(client, upstream));
                daemon("forwarder-down", () -> pipe(upstream, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads what the client sends and answers nothing, until it gives up. */
    private static void swallow(SocketChannel client) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try (client) {
            while (client.read(buffer) >= 0) {
                buffer.clear();
            }
        } catch (IOException gone) {
            // the client timed out and closed
        }
    }

    private static void pipe(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (from; to) {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException gone) {
            // one side closed: closing both ends the other pipe too
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
