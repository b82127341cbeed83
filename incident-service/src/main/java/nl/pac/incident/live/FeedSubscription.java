package nl.pac.incident.live;

import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One subscriber of the live feed: the changes it has not yet asked for, at most {@code capacity},
 * sent as fast as it asks (Reactive Streams demand; the SSE writer asks for the next once the last is
 * written). A subscriber that does not ask while more arrive is not failed and holds nobody up: its
 * buffer is dropped for a {@link QueueReload}, which absorbs further changes until it is sent, and the
 * changes after it follow. So it is sent every change in order, or a reload where it fell behind.
 *
 * <p>{@link #offer} takes changes in position order (one thread at a time: the feed's tenant lock);
 * demand, heartbeats and the end come from any thread. Emission is serialised by a drain loop and never
 * happens under this object's lock.
 */
final class FeedSubscription implements Flow.Subscription {

    private static final Logger LOG = Logger.getLogger(FeedSubscription.class);

    private final String tenantId;
    private final int capacity;
    private final Flow.Subscriber<? super FeedItem> downstream;
    private final Consumer<FeedSubscription> onEnd;
    private final AtomicInteger wip = new AtomicInteger();

    // Guarded by this.
    private final ArrayDeque<QueueChange> pending = new ArrayDeque<>();
    /** The position of the last change taken (buffered, sent or folded into a reload); -1 until started. */
    private long taken = -1;
    private FeedItem.Start start;
    private QueueReload reload;
    private boolean heartbeatDue;
    private long demand;
    private boolean ended;
    private Runnable terminal;
    private Future<?> heartbeats;

    FeedSubscription(String tenantId, int capacity, Flow.Subscriber<? super FeedItem> downstream, Consumer<FeedSubscription> onEnd) {
        this.tenantId = tenantId;
        this.capacity = capacity;
        this.downstream = downstream;
        this.onEnd = onEnd;
    }

    String tenantId() {
        return tenantId;
    }

    int capacity() {
        return capacity;
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized long taken() {
        return taken;
    }

    synchronized void heartbeatsBy(Future<?> schedule) {
        if (ended) {
            schedule.cancel(false);
        } else {
            heartbeats = schedule;
        }
    }

    /** Starts the subscriber after the change at {@code position}: the next one it is sent is the one after. */
    synchronized void startAfter(long position) {
        taken = position;
    }

    /** As {@link #startAfter}, first telling the subscriber where it starts (it has no id yet). */
    void startAfterAnnounced(long position) {
        synchronized (this) {
            taken = position;
            start = new FeedItem.Start(position);
        }
        drain();
    }

    /** Starts the subscriber with a reload covering the changes up to {@code position}. */
    void startWithReload(long position, QueueReload.Reason reason) {
        synchronized (this) {
            taken = position;
            reload = new QueueReload(position, tenantId, reason);
        }
        drain();
    }

    /** The tenant's next change; ones already taken are ignored, so overlapping reads are harmless. */
    void offer(QueueChange change) {
        synchronized (this) {
            if (ended || taken < 0 || change.position() <= taken) {
                return;
            }
            if (reload != null) {
                reload = reload.upTo(change.position());
            } else if (change.position() != taken + 1) {
                pending.clear();
                reload = new QueueReload(change.position(), tenantId, QueueReload.Reason.CHANGES_MISSED);
            } else if (pending.size() >= capacity) {
                pending.clear();
                reload = new QueueReload(change.position(), tenantId, QueueReload.Reason.SUBSCRIBER_BEHIND);
                LOG.infof("a live feed subscriber of tenant %s did not read %d changes; it is told to reload", tenantId, capacity + 1);
            } else {
                pending.add(change);
            }
            taken = change.position();
        }
        drain();
    }

    void heartbeat() {
        synchronized (this) {
            heartbeatDue = !ended;
        }
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            end(() -> downstream.onError(new IllegalArgumentException("Reactive Streams 3.9: request must be positive, was " + n)));
            return;
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        drain();
    }

    @Override
    public void cancel() {
        end(null);
    }

    /** Ends the stream normally (the service stops); the subscriber reconnects and resumes elsewhere. */
    void complete() {
        end(downstream::onComplete);
    }

    void fail(Throwable failure) {
        end(() -> downstream.onError(failure));
    }

    private void end(Runnable signal) {
        Future<?> schedule;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            terminal = signal;
            pending.clear();
            start = null;
            reload = null;
            schedule = heartbeats;
        }
        if (schedule != null) {
            schedule.cancel(false);
        }
        onEnd.accept(this);
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return; // the thread draining now will loop once more
        }
        int missed = 1;
        do {
            while (true) {
                FeedItem next = null;
                Runnable last = null;
                synchronized (this) {
                    if (terminal != null) {
                        last = terminal;
                        terminal = null;
                    } else if (!ended && demand > 0) {
                        if (start != null) {
                            next = start;
                            start = null;
                        } else if (reload != null) {
                            next = reload;
                            reload = null;
                        } else if (!pending.isEmpty()) {
                            next = pending.poll();
                        } else if (heartbeatDue) {
                            next = FeedItem.Heartbeat.INSTANCE;
                        }
                        if (next != null) {
                            demand--;
                            heartbeatDue = false; // anything sent keeps the stream alive
                        }
                    }
                }
                if (last != null) {
                    last.run();
                } else if (next == null) {
                    break;
                } else {
                    emit(next);
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void emit(FeedItem item) {
        try {
            downstream.onNext(item);
        } catch (RuntimeException e) {
            // A broken subscriber ends alone; the thread that offered (the feed's listener) goes on.
            LOG.warnf("a live feed subscriber of tenant %s failed on an item and is dropped: %s", tenantId, e.toString());
            end(null);
        }
    }
}
