package nl.pac.ingest.dc09;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.pac.contracts.AlarmType;
import nl.pac.dc09.Dc09Cipher;
import nl.pac.dc09.Dc09Codec;
import nl.pac.dc09.Dc09Decoded;
import nl.pac.dc09.Dc09Event;
import nl.pac.dc09.Dc09Keys;
import nl.pac.dc09.Dc09Message;
import nl.pac.dc09.Dc09Token;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver's answers, frame by frame, against a sink that records what it was handed. */
class Dc09ExchangeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T21:00:00Z");
    private static final Dc09Cipher KEY = Dc09Cipher.ofHex("000102030405060708090A0B0C0D0E0F");
    private static final Dc09Keys KEYS = (r, l, account) -> "1234".equals(account) ? Optional.of(KEY) : Optional.empty();

    private final List<Dc09Message> accepted = new ArrayList<>();
    private final List<Dc09Decoded.Refusal> toldOperators = new ArrayList<>();
    private boolean kafkaDown;
    private Dc09Sink.Outcome outcome = Dc09Sink.Outcome.ACCEPTED;

    private final Dc09Sink sink = new Dc09Sink() {
        @Override
        public Outcome accept(Dc09Message message) throws Unavailable {
            if (kafkaDown) {
                throw new Unavailable("Kafka is down", null);
            }
            accepted.add(message);
            return outcome;
        }

        @Override
        public void unprocessable(Dc09Decoded.Header header, Dc09Decoded.Refusal refusal, String detail) {
            toldOperators.add(refusal);
        }
    };

    private final Dc09Exchange exchange = new Dc09Exchange(KEYS, sink, InstantSource.fixed(NOW), new SimpleMeterRegistry(), "1", false);

    private static Dc09Message panic(boolean encrypted, String account, Instant stamp) {
        return new Dc09Message(Dc09Token.SIA_DCS, encrypted, 17, "1", "1", account, "#" + account + "|Nri1/PA501", List.of(), stamp);
    }

    private static byte[] inner(byte[] frame) {
        return Arrays.copyOfRange(frame, 1, frame.length - 1);
    }

    private static String answerText(Optional<byte[]> answer) {
        return new String(answer.orElseThrow(), StandardCharsets.US_ASCII);
    }

    @Test
    void anEncryptedPanicIsAcknowledgedEncryptedOnlyAfterTheSinkHasIt() {
        byte[] frame = inner(Dc09Codec.encode(panic(true, "1234", NOW), KEY, RandomGenerator.getDefault()));
        Optional<byte[]> answer = exchange.answer(frame);
        assertThat(accepted).containsExactly(panic(true, "1234", NOW));
        assertThat(answerText(answer)).contains("\"*ACK\"0017R1L1#1234[");
        Dc09Decoded ack = Dc09Codec.decode(inner(answer.get()), KEYS, NOW);
        assertThat(ack).isInstanceOfSatisfying(Dc09Decoded.Message.class, m -> assertThat(m.message().token()).isEqualTo(Dc09Token.ACK));
    }

    @Test
    void whenKafkaCannotTakeItThereIsNoAnswerSoTheTransmitterRetries() {
        kafkaDown = true;
        assertThat(exchange.answer(inner(Dc09Codec.encode(panic(false, "5678", null), null, null)))).isEmpty();
        kafkaDown = false;
        assertThat(answerText(exchange.answer(inner(Dc09Codec.encode(panic(false, "5678", null), null, null)))))
                .contains("\"ACK\"0017R1L1#5678[]");
    }

    @Test
    void aBadCrcIsNotAnsweredAndReachesNoOne() {
        byte[] frame = inner(Dc09Codec.encode(panic(false, "1234", null), null, null));
        frame[0] = (byte) (frame[0] == 'A' ? 'B' : 'A');
        assertThat(exchange.answer(frame)).isEmpty();
        assertThat(accepted).isEmpty();
        assertThat(toldOperators).isEmpty();
    }

    @Test
    void anOldEncryptedMessageGetsANakWithTheReceiversTimeAndIsNotAccepted() {
        byte[] frame = inner(Dc09Codec.encode(panic(true, "1234", NOW.minusSeconds(41)), KEY, RandomGenerator.getDefault()));
        assertThat(answerText(exchange.answer(frame))).contains("\"NAK\"0000R1L1[]_21:00:00,12-01-2026");
        assertThat(accepted).isEmpty();
    }

    @Test
    void anAccountWithoutKeyAndAnUnknownAccountGetADuhAfterTheOperatorsWereTold() {
        byte[] noKey = inner(Dc09Codec.encode(panic(true, "9999", NOW), KEY, RandomGenerator.getDefault()));
        assertThat(answerText(exchange.answer(noKey))).contains("\"DUH\"0017R1L1#9999[]");
        assertThat(toldOperators).containsExactly(Dc09Decoded.Refusal.NO_KEY);

        outcome = Dc09Sink.Outcome.UNKNOWN_ACCOUNT;
        assertThat(answerText(exchange.answer(inner(Dc09Codec.encode(panic(false, "5678", null), null, null)))))
                .contains("\"DUH\"0017R1L1#5678[]");
    }

    @Test
    void aClearPanicForAnAccountWithAKeyIsRefusedAsADowngradeButTheOperatorsAreTold() {
        assertThat(answerText(exchange.answer(inner(Dc09Codec.encode(panic(false, "1234", null), null, null))))).contains("\"DUH\"");
        assertThat(accepted).isEmpty();
        assertThat(toldOperators).containsExactly(Dc09Decoded.Refusal.NO_KEY);
    }

    @Test
    void aReceiverThatRequiresEncryptionRefusesAClearPanicButTellsTheOperators() {
        Dc09Exchange strict = new Dc09Exchange(KEYS, sink, InstantSource.fixed(NOW), new SimpleMeterRegistry(), "1", true);
        assertThat(answerText(strict.answer(inner(Dc09Codec.encode(panic(false, "5678", null), null, null))))).contains("\"DUH\"");
        assertThat(accepted).isEmpty();
        assertThat(toldOperators).hasSize(1);
    }

    @Test
    void theCodeTableRaisesDangerForPanicDuressAndMedicalAndATechnicalAlarmForWhatItDoesNotKnow() {
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.SIA, "PA", 'E', "1")))
                .isEqualTo(new Dc09AlarmCodes.Meaning(Dc09AlarmCodes.Meaning.Kind.ALARM, AlarmType.PANIC));
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.SIA, "HA", 'E', "")).alarmType()).isEqualTo(AlarmType.DURESS);
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "121", 'E', "001")).alarmType()).isEqualTo(AlarmType.DURESS);
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "122", 'E', "001")).alarmType().silent()).isTrue();
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "100", 'E', "001")).alarmType().signalsDanger()).isTrue();
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "384", 'E', "001")).alarmType()).isEqualTo(AlarmType.LOW_BATTERY);
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "120", 'R', "001")).kind())
                .isEqualTo(Dc09AlarmCodes.Meaning.Kind.RESTORE);
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "602", 'E', "000")).kind())
                .isEqualTo(Dc09AlarmCodes.Meaning.Kind.TEST);
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.SIA, "RP", 'E', "")).kind()).isEqualTo(Dc09AlarmCodes.Meaning.Kind.TEST);
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.SIA, "ZZ", 'E', "")).alarmType()).isEqualTo(AlarmType.TECHNICAL);
        assertThat(Dc09AlarmCodes.of(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "999", 'E', "")).alarmType()).isEqualTo(AlarmType.TECHNICAL);
    }
}
