package nl.pac.ingest.dc09;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.dc09.Dc09Cipher;
import nl.pac.dc09.Dc09Codec;
import nl.pac.dc09.Dc09Decoded;
import nl.pac.dc09.Dc09Message;
import nl.pac.dc09.Dc09Token;
import nl.pac.ingest.device.TestDevices;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transmitter on a real socket against the running receiver, the real Kafka and PostgreSQL: what it
 * is answered, and what reaches pac.alarms.
 */
@QuarkusTest
@TestProfile(Dc09Receiving.class)
@QuarkusTestResource(PacTestResource.class)
class Dc09ReceiverTest {

    static final String TENANT = "gemeente-dc09";
    static final Dc09Cipher KEY = Dc09Cipher.ofHex(Dc09Receiving.LINE_KEY);
    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @Inject
    Dc09Receiver receiver;

    /** A registered device bound to a fresh worker, with a fresh DC-09 account on line 1 (keyed); answers {account, worker}. */
    static String[] transmitter() {
        return transmitter("1");
    }

    /** As {@link #transmitter()} on the given line (line 2 has no key: clear messages are taken there). */
    static String[] transmitter(String line) {
        String worker = "worker-" + UUID.randomUUID().toString().substring(0, 8);
        String vendor = "vendor-" + UUID.randomUUID();
        given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"%s\",\"name\":\"Transmitters\",\"tenants\":[\"%s\"]}".formatted(vendor, TENANT))
                .post("/api/v1/vendors").then().statusCode(201);
        String device = TestDevices.bind(vendor, TENANT, worker);
        String account = String.format("%08X", ThreadLocalRandom.current().nextInt() & 0x7FFFFFFF);
        given().auth().oauth2(DevTokens.user("tenant-admin", TENANT)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"line\":\"" + line + "\",\"account\":\"" + account + "\"}")
                .put("/api/v1/devices/" + vendor + "/" + device + "/dc09-account").then().statusCode(200);
        return new String[] {account, worker};
    }

    static byte[] frame(String account, int sequence, String data, boolean encrypted, Instant stamp) {
        return frame(encrypted ? "1" : "2", account, sequence, data, encrypted, stamp);
    }

    static byte[] frame(String line, String account, int sequence, String data, boolean encrypted, Instant stamp) {
        Dc09Message message = new Dc09Message(encrypted || !data.isEmpty() ? Dc09Token.SIA_DCS : Dc09Token.NULL, encrypted, sequence,
                "1", line, account, data, List.of(), stamp);
        return Dc09Codec.encode(message, encrypted ? KEY : null, RandomGenerator.getDefault());
    }

    /** Sends the frame and answers the answer, or empty when none comes within {@code wait}. */
    static Optional<Dc09Decoded> exchange(Socket socket, byte[] frame, Duration wait) throws IOException {
        socket.getOutputStream().write(frame);
        socket.getOutputStream().flush();
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0 && b != '\r'; ) {
                if (b != '\n') {
                    answer.write(b);
                }
            }
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(Dc09Codec.decode(answer.toByteArray(), (r, l, a) -> Optional.of(KEY), Instant.now()));
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    static Dc09Message answered(Optional<Dc09Decoded> answer) {
        assertThat(answer).as("an answer").isPresent();
        assertThat(answer.get()).isInstanceOf(Dc09Decoded.Message.class);
        return ((Dc09Decoded.Message) answer.get()).message();
    }

    @Test
    void anEncryptedPanicIsOnPacAlarmsForTheBoundWorkerBeforeItsAckAndARetryIsTheSameAlarm() throws Exception {
        String[] tx = transmitter();
        int port = receiver.port().orElseThrow();
        try (Socket socket = connect(port); TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            byte[] panic = frame(tx[0], 41, "#" + tx[0] + "|Nri1/PA001", true, Instant.now());
            Dc09Message ack = answered(exchange(socket, panic, Duration.ofSeconds(30)));
            assertThat(ack.token()).isEqualTo(Dc09Token.ACK);
            assertThat(ack.encrypted()).as("an encrypted message gets an encrypted ACK").isTrue();
            assertThat(ack.sequence()).isEqualTo(41);

            // The ACK came after Kafka acknowledged: the alarm is there already.
            List<ConsumerRecord<String, byte[]>> first = probe.readUntil(r -> tx[1].equals(r.key()), Duration.ofSeconds(10));
            AlarmRaised raised = (AlarmRaised) CloudEvent.fromRecord(first.get(first.size() - 1)).body();
            assertThat(raised.alarmType()).isEqualTo(AlarmType.PANIC);
            assertThat(raised.tenantId()).isEqualTo(TENANT);

            // The transmitter did not hear the ACK and sends the same message again: ACK, no second alarm.
            assertThat(answered(exchange(socket, panic, Duration.ofSeconds(30))).token()).isEqualTo(Dc09Token.ACK);
            byte[] battery = frame(tx[0], 42, "#" + tx[0] + "|Nri1/YT001", true, Instant.now());
            assertThat(answered(exchange(socket, battery, Duration.ofSeconds(30))).token()).isEqualTo(Dc09Token.ACK);
            List<ConsumerRecord<String, byte[]>> all = new java.util.ArrayList<>(first);
            all.addAll(probe.readUntil(r -> tx[1].equals(r.key())
                    && ((AlarmRaised) CloudEvent.fromRecord(r).body()).alarmType() == AlarmType.LOW_BATTERY, Duration.ofSeconds(10)));
            assertThat(all.stream().filter(r -> tx[1].equals(r.key()))
                    .map(r -> ((AlarmRaised) CloudEvent.fromRecord(r).body()).alarmType()))
                    .containsExactly(AlarmType.PANIC, AlarmType.LOW_BATTERY);
        }
    }

    @Test
    void aBadCrcIsNotAnsweredAnOldMessageIsNakedAndTheConnectionGoesOn() throws Exception {
        String[] clear = transmitter("2");
        String[] keyed = transmitter("1");
        try (Socket socket = connect(receiver.port().orElseThrow())) {
            byte[] damaged = frame(clear[0], 7, "#" + clear[0] + "|Nri1/PA001", false, null);
            damaged[2] = (byte) (damaged[2] == '0' ? '1' : '0'); // a CRC digit
            assertThat(exchange(socket, damaged, Duration.ofSeconds(3))).as("no answer to a bad CRC").isEmpty();

            byte[] old = frame(keyed[0], 8, "#" + keyed[0] + "|Nri1/PA001", true, Instant.now().minusSeconds(120));
            Dc09Message nak = answered(exchange(socket, old, Duration.ofSeconds(30)));
            assertThat(nak.token()).isEqualTo(Dc09Token.NAK);
            assertThat(nak.encrypted()).isFalse();
            assertThat(nak.timestamp()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(Duration.ofSeconds(30)));

            byte[] link = frame(clear[0], 9, "", false, null);
            assertThat(answered(exchange(socket, link, Duration.ofSeconds(30))).sequence()).isEqualTo(9);
        }
    }

    /** A key proves who sent a frame; where one is configured a clear frame proves nothing and raises nothing. */
    @Test
    void aClearPanicOnALineWithAKeyIsRefusedAndOnlyTheEncryptedOneIsAnAlarm() throws Exception {
        String[] tx = transmitter("1");
        try (Socket socket = connect(receiver.port().orElseThrow()); TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            byte[] forged = frame("1", tx[0], 11, "#" + tx[0] + "|Nri1/PA001", false, null);
            assertThat(answered(exchange(socket, forged, Duration.ofSeconds(30))).token()).isEqualTo(Dc09Token.DUH);
            byte[] real = frame("1", tx[0], 12, "#" + tx[0] + "|Nri1/PA001", true, Instant.now());
            assertThat(answered(exchange(socket, real, Duration.ofSeconds(30))).token()).isEqualTo(Dc09Token.ACK);
            List<ConsumerRecord<String, byte[]>> records = probe.readUntil(r -> tx[1].equals(r.key()), Duration.ofSeconds(10));
            assertThat(records.stream().filter(r -> tx[1].equals(r.key()))).as("only the encrypted panic").hasSize(1);
        }
    }

    @Test
    void anUnknownAccountGetsADuhAndIsATechnicalAlarmForTheCentre() throws Exception {
        String account = String.format("%08X", ThreadLocalRandom.current().nextInt() & 0x7FFFFFFF);
        try (Socket socket = connect(receiver.port().orElseThrow()); TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            Dc09Message duh = answered(exchange(socket, frame("2", account, 3, "#" + account + "|Nri1/PA001", false, null), Duration.ofSeconds(30)));
            assertThat(duh.token()).isEqualTo(Dc09Token.DUH);
            List<ConsumerRecord<String, byte[]>> records = probe.readUntil(r -> Dc09Ingestion.UNPLACED.equals(r.key()), Duration.ofSeconds(10));
            CloudEvent event = CloudEvent.fromRecord(records.get(records.size() - 1));
            assertThat(event.tenantId()).isEqualTo(Dc09Receiving.CENTRE);
            assertThat(((AlarmRaised) event.body()).alarmType()).isEqualTo(AlarmType.TECHNICAL);

            // Another unknown account within the hour: DUH again, and no second alarm to bury the queue.
            String other = String.format("%08X", ThreadLocalRandom.current().nextInt() & 0x7FFFFFFF);
            assertThat(answered(exchange(socket, frame("2", other, 4, "#" + other + "|Nri1/PA001", false, null), Duration.ofSeconds(30)))
                    .token()).isEqualTo(Dc09Token.DUH);
        }
    }

    @Test
    void overUdpAPanicIsAcknowledgedToItsSender() throws Exception {
        String[] tx = transmitter();
        try (DatagramSocket udp = new DatagramSocket(); TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            udp.setSoTimeout(30_000);
            byte[] panic = frame(tx[0], 5, "#" + tx[0] + "|Nri1/PA001", true, Instant.now());
            udp.send(new DatagramPacket(panic, panic.length, new InetSocketAddress("127.0.0.1", receiver.port().orElseThrow())));
            DatagramPacket answer = new DatagramPacket(new byte[8192], 8192);
            udp.receive(answer);
            byte[] bytes = Arrays.copyOfRange(answer.getData(), 1, answer.getLength() - 1);
            Dc09Decoded decoded = Dc09Codec.decode(bytes, (r, l, a) -> Optional.of(KEY), Instant.now());
            assertThat(decoded).isInstanceOfSatisfying(Dc09Decoded.Message.class,
                    m -> assertThat(m.message().token()).isEqualTo(Dc09Token.ACK));
            assertThat(probe.readUntil(r -> tx[1].equals(r.key()), Duration.ofSeconds(10))).isNotEmpty();
        }
        assertThat(new String(frame("123", 1, "", false, null), StandardCharsets.US_ASCII)).contains("NULL");
    }
}
