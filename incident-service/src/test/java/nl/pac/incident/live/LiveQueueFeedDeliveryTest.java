package nl.pac.incident.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live feed as consoles use it over HTTP (issue 13): a burst reaches every subscriber that reads,
 * whatever another one does; every change has an id, and a console reconnecting with Last-Event-ID gets
 * exactly what it missed, or is told to reload; an idle stream carries heartbeats.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class LiveQueueFeedDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/queue/feed")
    URL feedUrl;

    @Inject
    QueueFeed queueFeed;

    @Inject
    QueueChangeLog changeLog;

    @Test
    void aBurstOfAHundredReachesTheSubscriberThatReadsWhileAnotherHasStoppedReading() throws Exception {
        String tenant = tenant("burst");
        try (SseStream normal = SseStream.open(feed(), tenant, null); SseStream stalled = SseStream.paused(feed(), tenant)) {
            // One alarm first, so the consumers are assigned and the timing below is the feed's.
            raiseAtOnce(alarms(tenant, 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> normal.changes().size() == 1);

            List<AlarmRaised> burst = alarms(tenant, 100);
            raiseAtOnce(burst);
            Instant raised = Instant.now();
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> normal.changes().size() >= 101);
            System.out.printf("[live-feed] 100 alarms raised at once -> all at the reading subscriber: %d ms%n",
                    Duration.between(raised, normal.changes().get(100).receivedAt()).toMillis());

            assertThat(normal.named("reload")).as("a reading subscriber is never told to reload").isEmpty();
            assertThat(alarmIds(normal.changes().subList(1, 101))).containsExactlyInAnyOrderElementsOf(ids(burst));
            assertConsecutive(normal.changes());
            assertThat(normal.changes()).allSatisfy(e -> {
                JsonNode data = data(e);
                assertThat(data.path("tenantId").asText()).isEqualTo(tenant);
                assertThat(data.path("incidentId").asText()).hasSize(36);
                assertThat(data.path("workerId").asText()).startsWith("w-");
                assertThat(data.path("alarmType").asText()).isEqualTo("PANIC");
                assertThat(data.path("status").asText()).isEqualTo("OPEN");
                assertThat(data.path("change").asText()).isEqualTo("AlarmRaised");
            });

            // The stream stays open: the next change arrives on it too.
            List<AlarmRaised> next = alarms(tenant, 1);
            raiseAtOnce(next);
            await().atMost(Duration.ofSeconds(10)).until(() -> normal.changes().size() == 102);
            assertThat(alarmIds(normal.changes().subList(101, 102))).containsExactlyElementsOf(ids(next));
            assertThat(normal.open()).isTrue();

            // The one that stopped reading lost nothing silently: once it reads again it has every change
            // in order, or (had its buffer overflowed) a reload where it fell behind and every change after it.
            stalled.resume();
            await().atMost(Duration.ofSeconds(10)).until(() -> !stalled.events().isEmpty()
                    && stalled.events().get(stalled.events().size() - 1).id().equals(normal.changes().get(101).id()));
            assertNoSilentGap(stalled.events());
            assertThat(stalled.open()).isTrue();
        }
    }

    @Test
    void aConsoleReconnectingWithLastEventIdGetsExactlyWhatItMissedAndOnlyItsTenants() throws Exception {
        String tenant = tenant("resume");
        String other = tenant("resume-other");
        String lastSeen = seeThenDrop(tenant, 5);

        List<AlarmRaised> missed = alarms(tenant, 7);
        raiseAtOnce(missed);
        raiseAtOnce(alarms(other, 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> openIncidents(tenant) == 12 && openIncidents(other) == 3);

        try (SseStream after = SseStream.open(feed(), tenant, lastSeen)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> after.changes().size() == 7);
            List<AlarmRaised> live = alarms(tenant, 1);
            raiseAtOnce(live);
            await().atMost(Duration.ofSeconds(10)).until(() -> after.changes().size() >= 8);

            assertThat(after.named("reload")).isEmpty();
            assertThat(after.changes()).extracting(SseStream.Event::id).as("no duplicates, no gaps")
                    .containsExactlyElementsOf(idsAfter(lastSeen, 8));
            assertThat(alarmIds(after.changes().subList(0, 7))).containsExactlyInAnyOrderElementsOf(ids(missed));
            assertThat(alarmIds(after.changes().subList(7, 8))).containsExactlyElementsOf(ids(live));
            assertThat(after.changes()).allSatisfy(e -> assertThat(data(e).path("tenantId").asText()).isEqualTo(tenant));
        }
    }

    @Test
    void aStreamThatDropsBeforeItsFirstChangeResumesFromWhereItStarted() throws Exception {
        String tenant = tenant("fresh");
        raiseAtOnce(alarms(tenant, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> openIncidents(tenant) == 2);
        String startedAfter;
        try (SseStream first = SseStream.open(feed(), tenant, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.lastEventId() != null);
            startedAfter = first.lastEventId();
            assertThat(first.events()).as("the start is an id without data: nothing is dispatched").isEmpty();
        } // dropped before any change reached it

        List<AlarmRaised> missed = alarms(tenant, 3);
        raiseAtOnce(missed);
        await().atMost(Duration.ofSeconds(30)).until(() -> openIncidents(tenant) == 5);
        try (SseStream after = SseStream.open(feed(), tenant, startedAfter)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> after.changes().size() == 3);
            assertThat(after.events()).extracting(SseStream.Event::id).containsExactlyElementsOf(idsAfter(startedAfter, 3));
            assertThat(alarmIds(after.changes())).containsExactlyInAnyOrderElementsOf(ids(missed));
        }
    }

    @Test
    void aLastEventIdTheFeedCannotReplayGetsAReload() throws Exception {
        String tenant = tenant("reload");
        String head = seeThenDrop(tenant, 3);
        // An id this tenant's feed never gave (another tenant's stream, a restored database).
        try (SseStream unknown = SseStream.open(feed(), tenant, String.valueOf(Long.parseLong(head) + 1000))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !unknown.events().isEmpty());
            assertThat(unknown.events().get(0).name()).isEqualTo("reload");
            assertThat(unknown.events().get(0).id()).isEqualTo(head);
            assertThat(data(unknown.events().get(0)).path("reason").asText()).isEqualTo("UNKNOWN_EVENT_ID");
        }
        try (SseStream garbled = SseStream.open(feed(), tenant, "not-an-id")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !garbled.events().isEmpty());
            assertThat(garbled.events().get(0).name()).isEqualTo("reload");
        }
    }

    @Test
    void aLastEventIdOlderThanTheReplayWindowGetsAReloadAndTheChangesAfterIt() throws Exception {
        String tenant = tenant("pruned");
        String lastSeen = seeThenDrop(tenant, 3);
        raiseAtOnce(alarms(tenant, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> openIncidents(tenant) == 5);
        changeLog.prune(Instant.now()); // what the scheduled prune does once the window has passed

        try (SseStream after = SseStream.open(feed(), tenant, lastSeen)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !after.events().isEmpty());
            SseStream.Event reload = after.events().get(0);
            assertThat(reload.name()).isEqualTo("reload");
            assertThat(reload.id()).as("covers the two missed").isEqualTo(String.valueOf(Long.parseLong(lastSeen) + 2));
            assertThat(data(reload).path("reason").asText()).isEqualTo("TOO_OLD_TO_REPLAY");
            assertThat(data(reload).path("tenantId").asText()).isEqualTo(tenant);

            List<AlarmRaised> live = alarms(tenant, 1);
            raiseAtOnce(live);
            await().atMost(Duration.ofSeconds(10)).until(() -> after.events().size() == 2);
            assertThat(after.events().get(1).id()).isEqualTo(String.valueOf(Long.parseLong(reload.id()) + 1));
            assertThat(alarmIds(after.changes())).containsExactlyElementsOf(ids(live));
        }
    }

    /**
     * The buffer itself, on the feed bean (what the SSE writer subscribes to): a subscriber that asks for
     * nothing while more changes come than its buffer holds is sent one reload covering them, then the
     * changes after it; the HTTP subscriber beside it gets every change. A reconnect further behind than
     * the buffer is told to reload; one within it is replayed exactly.
     */
    @Test
    void aSubscriberThatDoesNotAskIsToldToReloadOnceItsBufferIsFullAndNobodyElseNotices() throws Exception {
        String tenant = tenant("buffer");
        Recorder stalled = new Recorder();
        try (SseStream normal = SseStream.open(feed(), tenant, null)) {
            queueFeed.subscribe(tenant, null, 10).subscribe(stalled);
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.subscription != null);

            raiseAtOnce(alarms(tenant, 30));
            await().atMost(Duration.ofSeconds(30)).until(() -> normal.changes().size() == 30);
            assertConsecutive(normal.changes());
            assertThat(stalled.items).as("it asked for nothing").isEmpty();

            String last = normal.changes().get(29).id();
            stalled.subscription.request(Long.MAX_VALUE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !stalled.changesAndReloads().isEmpty()
                    && stalled.lastPosition() == Long.parseLong(last));
            List<FeedItem> got = stalled.changesAndReloads();
            assertThat(got.get(0)).isInstanceOfSatisfying(QueueReload.class, r -> {
                assertThat(r.reason()).isEqualTo(QueueReload.Reason.SUBSCRIBER_BEHIND);
                assertThat(r.tenantId()).isEqualTo(tenant);
                assertThat(r.position()).as("the 11th change overflowed").isGreaterThanOrEqualTo(Long.parseLong(normal.changes().get(10).id()));
            });
            assertThat(got.subList(1, got.size())).allMatch(QueueChange.class::isInstance);
            assertThat(positions(got)).as("after the reload, no gap").isEqualTo(LongStream.rangeClosed(positions(got).get(0),
                    Long.parseLong(last)).boxed().toList());

            // It goes on like any other; the HTTP subscriber never noticed.
            List<AlarmRaised> next = alarms(tenant, 1);
            raiseAtOnce(next);
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.lastPosition() == Long.parseLong(last) + 1
                    && normal.changes().size() == 31);
            assertThat(stalled.items.get(stalled.items.size() - 1)).isInstanceOfSatisfying(QueueChange.class,
                    c -> assertThat(c.alarmId().toString()).isEqualTo(next.get(0).alarmId().toString()));
            assertThat(normal.named("reload")).isEmpty();
            assertThat(stalled.done).isFalse();
            stalled.subscription.cancel();

            Recorder tooFar = new Recorder(Long.MAX_VALUE);
            queueFeed.subscribe(tenant, normal.changes().get(4).id(), 10).subscribe(tooFar);
            await().atMost(Duration.ofSeconds(10)).until(() -> !tooFar.changesAndReloads().isEmpty());
            assertThat(tooFar.changesAndReloads().get(0)).isInstanceOfSatisfying(QueueReload.class,
                    r -> assertThat(r.reason()).isEqualTo(QueueReload.Reason.TOO_MANY_TO_REPLAY));
            tooFar.subscription.cancel();

            Recorder within = new Recorder(Long.MAX_VALUE);
            queueFeed.subscribe(tenant, normal.changes().get(25).id(), 10).subscribe(within);
            await().atMost(Duration.ofSeconds(10)).until(() -> within.changesAndReloads().size() == 5);
            assertThat(within.changesAndReloads()).allMatch(QueueChange.class::isInstance);
            assertThat(positions(within.changesAndReloads())).containsExactlyElementsOf(
                    normal.changes().subList(26, 31).stream().map(e -> Long.parseLong(e.id())).toList());
            within.subscription.cancel();
        }
    }

    @Test
    void anIdleStreamCarriesHeartbeats() throws Exception {
        try (SseStream idle = SseStream.open(feed(), tenant("idle"), null)) {
            assertThat(idle.status).isEqualTo(200);
            // pac.queue-feed.heartbeat=PT1S in src/test/resources/META-INF/microprofile-config.properties
            await().atMost(Duration.ofSeconds(5)).until(() -> idle.comments().stream().filter(": keep-alive"::equals).count() >= 2);
            assertThat(idle.comments()).first().isEqualTo(": connected");
            assertThat(idle.comments().subList(1, idle.comments().size())).allMatch(": keep-alive"::equals);
            assertThat(idle.events()).isEmpty();
            assertThat(idle.open()).isTrue();
        }
    }

    // --- helpers

    /** A subscriber of the feed bean that asks for {@code initial} items, then only when the test does. */
    static final class Recorder implements Flow.Subscriber<FeedItem> {
        final List<FeedItem> items = new CopyOnWriteArrayList<>();
        private final long initial;
        volatile Flow.Subscription subscription;
        volatile boolean done;

        Recorder() {
            this(0);
        }

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(FeedItem item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable failure) {
            done = true;
        }

        @Override
        public void onComplete() {
            done = true;
        }

        List<FeedItem> changesAndReloads() {
            return items.stream().filter(i -> i instanceof QueueChange || i instanceof QueueReload).toList();
        }

        long lastPosition() {
            List<Long> positions = positions(changesAndReloads());
            return positions.isEmpty() ? -1 : positions.get(positions.size() - 1);
        }
    }

    static List<Long> positions(List<FeedItem> items) {
        return items.stream().map(i -> i instanceof QueueChange c ? c.position() : ((QueueReload) i).position()).toList();
    }

    private URI feed() {
        return URI.create(feedUrl.toString());
    }

    /** A console sees {@code alarms} new alarms' changes, then its connection drops; returns the last id it saw. */
    private String seeThenDrop(String tenant, int alarms) throws Exception {
        try (SseStream console = SseStream.open(feed(), tenant, null)) {
            raiseAtOnce(alarms(tenant, alarms));
            await().atMost(Duration.ofSeconds(30)).until(() -> console.changes().size() == alarms);
            assertConsecutive(console.changes());
            return console.changes().get(alarms - 1).id();
        }
    }

    private static String tenant(String purpose) {
        return "gemeente-feed-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Alarms of as many different workers, so each opens its own incident. */
    static List<AlarmRaised> alarms(String tenant, int count) {
        Instant now = Instant.now();
        return IntStream.range(0, count).mapToObj(i -> new AlarmRaised(UUID.randomUUID(), tenant, "w-" + UUID.randomUUID(), "dev-" + i,
                AlarmType.PANIC, now, now, null)).toList();
    }

    /** Publishes the alarms to pac.alarms from many threads at once, returning when Kafka has all of them. */
    static void raiseAtOnce(List<AlarmRaised> alarms) throws Exception {
        ExecutorService publishers = Executors.newFixedThreadPool(Math.min(alarms.size(), 20));
        try {
            List<Callable<Object>> sends = alarms.stream().<Callable<Object>>map(a -> () ->
                    PacInfrastructure.get().publisher().publish(Topic.ALARMS, a.alarmId(), "/pac/alarm-ingest", a)).toList();
            for (Future<Object> sent : publishers.invokeAll(sends)) {
                sent.get();
            }
        } finally {
            publishers.shutdown();
        }
    }

    private static int openIncidents(String tenant) {
        return given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/queue").then().statusCode(200)
                .extract().jsonPath().getList("incidentId").size();
    }

    static List<String> ids(List<AlarmRaised> alarms) {
        return alarms.stream().map(a -> a.alarmId().toString()).toList();
    }

    static List<String> alarmIds(List<SseStream.Event> changes) {
        return changes.stream().map(e -> data(e).path("alarmId").asText()).toList();
    }

    static JsonNode data(SseStream.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every change has an id, each one more than the one before. */
    static void assertConsecutive(List<SseStream.Event> changes) {
        assertThat(changes).allSatisfy(e -> assertThat(e.id()).as("id of %s", e.data()).isNotNull().containsOnlyDigits());
        assertThat(changes).extracting(SseStream.Event::id)
                .containsExactlyElementsOf(idsAfter(String.valueOf(Long.parseLong(changes.get(0).id()) - 1), changes.size()));
    }

    /** Changes follow each other without a gap; the only way past one is a reload naming where to go on from. */
    static void assertNoSilentGap(List<SseStream.Event> events) {
        Long previous = null;
        for (SseStream.Event e : events) {
            assertThat(e.id()).as("id of %s", e.data()).isNotNull().containsOnlyDigits();
            long id = Long.parseLong(e.id());
            if ("reload".equals(e.name())) {
                assertThat(previous == null || id >= previous).as("a reload goes forward").isTrue();
            } else if (previous != null) {
                assertThat(id).as("the change after %d", previous).isEqualTo(previous + 1);
            }
            previous = id;
        }
    }

    /** The ids of the n changes that follow the one with {@code id}. */
    static List<String> idsAfter(String id, int n) {
        long from = Long.parseLong(id);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(String.valueOf(from + i));
        }
        return ids;
    }
}
