package br.com.prontivus.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small TCP proxy for fault tests, listening on 127.0.0.1 only: it forwards to the target until
 * told to drop every open connection, to refuse new ones (the server looks down), or to drop
 * everything once a given number of bytes has gone by in one direction (the middle of a push or of
 * a pull). Bounded: at most {@link #MAX_CONNECTIONS} at once, and it closes itself after
 * {@code lifetime} even if a test forgets to.
 */
public final class TcpProxy implements AutoCloseable {

    public static final int MAX_CONNECTIONS = 64;

    /** Which way the bytes of a trip wire are counted. */
    public enum Direction { UPSTREAM, DOWNSTREAM }

    private record Trip(Direction direction, long afterBytes, Runnable onTrip) {
    }

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicLong downstream = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicReference<Trip> trip = new AtomicReference<>();
    private volatile boolean accepting = true;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target, Duration lifetime) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::acceptLoop);
        Thread.ofPlatform().daemon().name("tcp-proxy-reaper").start(() -> {
            try {
                acceptor.join(lifetime);
            } catch (InterruptedException ignored) {
                // closing anyway
            }
            close();
        });
    }

    /** A proxy to {@code host:port} (e.g. {@link PostgresTestDatabase#hostPort()}). */
    public static TcpProxy to(String hostPort, Duration lifetime) {
        int colon = hostPort.lastIndexOf(':');
        try {
            return new TcpProxy(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), lifetime);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code jdbcUrl} with host and port replaced by this proxy's. */
    public String rewrite(String jdbcUrl) {
        int start = "jdbc:postgresql://".length();
        int slash = jdbcUrl.indexOf('/', start);
        return jdbcUrl.substring(0, start) + "127.0.0.1:" + port() + jdbcUrl.substring(slash);
    }

    /** Up: new connections are forwarded. Down: they are closed at once and open ones dropped. */
    public void enabled(boolean on) {
        accepting = on;
        if (!on) {
            dropAll();
        }
    }

    /** Closes every open connection on both sides (the network went away). */
    public void dropAll() {
        drops.incrementAndGet();
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** Drops everything once {@code bytes} more bytes went by in {@code direction}; fires once. */
    public void dropAfter(Direction direction, long bytes, Runnable onTrip) {
        long base = direction == Direction.UPSTREAM ? upstream.get() : downstream.get();
        trip.set(new Trip(direction, base + bytes, onTrip));
    }

    public long upstreamBytes() {
        return upstream.get();
    }

    public long downstreamBytes() {
        return downstream.get();
    }

    public long drops() {
        return drops.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!accepting || open.size() >= MAX_CONNECTIONS) {
                closeQuietly(client);
                continue;
            }
            Socket upstreamSocket = new Socket();
            try {
                upstreamSocket.connect(target, 2_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstreamSocket);
                continue;
            }
            open.add(client);
            open.add(upstreamSocket);
            Thread.ofPlatform().daemon().name("tcp-proxy-up").start(() -> pump(client, upstreamSocket, Direction.UPSTREAM));
            Thread.ofPlatform().daemon().name("tcp-proxy-down").start(() -> pump(upstreamSocket, client, Direction.DOWNSTREAM));
        }
    }

    private void pump(Socket from, Socket to, Direction direction) {
        byte[] buffer = new byte[8192];
        AtomicLong counter = direction == Direction.UPSTREAM ? upstream : downstream;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                long total = counter.addAndGet(n);
                Trip t = trip.get();
                if (t != null && t.direction() == direction && total >= t.afterBytes() && trip.compareAndSet(t, null)) {
                    dropAll();
                    if (t.onTrip() != null) {
                        t.onTrip().run();
                    }
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away, or we dropped it
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        accepting = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        dropAll();
    }
}
