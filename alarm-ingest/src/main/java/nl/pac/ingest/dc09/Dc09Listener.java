package nl.pac.ingest.dc09;

import nl.pac.dc09.Dc09Codec;
import nl.pac.dc09.Dc09FrameSplitter;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sockets of the DC-09 receiver: TCP, where a connection's frames are answered one after the
 * other in the order they came (a transmitter waits for each answer), and UDP, one datagram one
 * frame. Plain blocking sockets, a thread per TCP connection up to {@code maxConnections} (one more
 * is closed at once) and a bounded pool for UDP: a flood can cost answers, never the JVM. A silent
 * connection is closed after the idle timeout. Nothing here decides an answer: {@link Dc09Exchange} does.
 */
final class Dc09Listener implements Closeable {

    private static final Logger LOG = Logger.getLogger(Dc09Listener.class);

    private final Dc09Exchange exchange;
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final Semaphore connections;
    private final int idleMillis;
    private final ExecutorService connectionThreads = Executors.newCachedThreadPool(named("pac-dc09-tcp"));
    private final ThreadPoolExecutor datagramWorkers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Dc09Listener(Dc09Exchange exchange, String host, int port, int maxConnections, Duration idleTimeout, int workerThreads)
            throws IOException {
        this.exchange = exchange;
        this.connections = new Semaphore(maxConnections);
        this.idleMillis = (int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis());
        this.datagramWorkers = new ThreadPoolExecutor(workerThreads, workerThreads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(10_000), named("pac-dc09-udp"), new ThreadPoolExecutor.AbortPolicy());
        InetAddress address = InetAddress.getByName(host);
        this.tcp = new ServerSocket();
        this.tcp.setReuseAddress(true);
        this.tcp.bind(new InetSocketAddress(address, port), 200);
        // UDP on the same number as TCP, so one port is configured and opened in a firewall.
        this.udp = new DatagramSocket(new InetSocketAddress(address, tcp.getLocalPort()));
        start("pac-dc09-accept", this::acceptLoop);
        start("pac-dc09-udp-receive", this::datagramLoop);
    }

    int port() {
        return tcp.getLocalPort();
    }

    int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.errorf("DC-09 TCP accept failed: %s", e.getMessage());
                    backOff(); // a lasting failure (no file descriptors left) must not spin and flood the log
                }
                continue;
            }
            if (!connections.tryAcquire()) {
                LOG.warnf("DC-09: connection from %s refused, %d connections open", socket.getRemoteSocketAddress(), open.size());
                quietly(socket);
                continue;
            }
            open.add(socket);
            try {
                connectionThreads.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                release(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(idleMillis);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Dc09FrameSplitter splitter = new Dc09FrameSplitter();
            byte[] buffer = new byte[4096];
            for (int read; !closed && (read = in.read(buffer)) >= 0; ) {
                for (byte[] frame : splitter.feed(buffer, 0, read)) {
                    Optional<byte[]> answer = exchange.answer(frame);
                    if (answer.isPresent()) {
                        out.write(answer.get());
                        out.flush();
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            LOG.debugf("DC-09: idle connection from %s closed", socket.getRemoteSocketAddress());
        } catch (IOException e) {
            LOG.debugf("DC-09: connection from %s ended: %s", socket.getRemoteSocketAddress(), e.getMessage());
        } finally {
            release(socket);
        }
    }

    private void datagramLoop() {
        byte[] buffer = new byte[Dc09Codec.MAX_FRAME_BYTES + 16];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.errorf("DC-09 UDP receive failed: %s", e.getMessage());
                }
                continue;
            }
            byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            try {
                datagramWorkers.execute(() -> answerDatagram(data, from));
            } catch (RejectedExecutionException e) {
                // Not answered: the transmitter retries, as it would after a lost datagram.
                LOG.warnf("DC-09: datagram from %s dropped, %d waiting", from, datagramWorkers.getQueue().size());
            }
        }
    }

    private void answerDatagram(byte[] data, InetSocketAddress from) {
        Dc09FrameSplitter splitter = new Dc09FrameSplitter();
        for (byte[] frame : splitter.feed(data, 0, data.length)) {
            exchange.answer(frame).ifPresent(answer -> {
                try {
                    udp.send(new DatagramPacket(answer, answer.length, from));
                } catch (IOException e) {
                    LOG.debugf("DC-09: answer to %s not sent: %s", from, e.getMessage());
                }
            });
        }
    }

    private static void backOff() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(Socket socket) {
        if (open.remove(socket)) {
            connections.release();
        }
        quietly(socket);
    }

    @Override
    public void close() {
        closed = true;
        quietly(tcp);
        udp.close();
        open.forEach(Dc09Listener::quietly);
        connectionThreads.shutdownNow();
        datagramWorkers.shutdownNow();
    }

    private static void quietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }

    private static void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
