package nl.pac.loop;

import org.jboss.logging.Logger;

/**
 * A service's long-running loop (outbox relay, delivery loop, timer scheduler, LISTEN feed) on its own
 * named daemon thread. Every loop has the same lifecycle: its bean starts it when the application has
 * started ({@code @Observes Startup}, after runtime configuration, unlike {@code @Initialized}) and
 * closes it in {@code @PreDestroy}, which interrupts the thread and waits a bounded time for it to end.
 * The loop ends when its thread is interrupted ({@link #stopping()}); it must catch and log its own
 * failures, because a loop that dies silently stops relaying, delivering or firing timers.
 *
 * <p>Periodic housekeeping that fits a schedule (retention, checkpoints) is not a loop: it uses the
 * Quarkus scheduler ({@code @Scheduled}).
 */
public final class ServiceThread implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServiceThread.class);
    private static final long JOIN_MILLIS = 5000;

    private final Thread thread;

    private ServiceThread(Thread thread) {
        this.thread = thread;
    }

    public static ServiceThread start(String name, Runnable loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "%s ended by a failure it did not handle", name);
                throw e;
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return new ServiceThread(thread);
    }

    /** True when the loop on this thread has been asked to end. */
    public static boolean stopping() {
        return Thread.currentThread().isInterrupted();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
