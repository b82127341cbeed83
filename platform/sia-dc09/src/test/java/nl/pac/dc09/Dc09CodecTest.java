package nl.pac.dc09;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known frames: the expected CRCs, lengths and cipher texts were computed with an independent
 * implementation (Python's bitwise CRC-16/ARC and the cryptography package's AES-CBC), not with this codec.
 */
class Dc09CodecTest {

    private static final Instant STAMP = Instant.parse("2026-09-25T14:12:04Z");
    private static final String CLEAR_TEXT = "\"SIA-DCS\"0042R1L1#1234[#1234|Nri1/PA501]_14:12:04,09-25-2026";
    /** Always the first pad character, '!', so an encryption can be compared with the independent one. */
    private static final RandomGenerator FIRST_PAD = () -> 0L;

    private static Dc09Message panic(boolean encrypted) {
        return new Dc09Message(Dc09Token.SIA_DCS, encrypted, 42, "1", "1", "1234", "#1234|Nri1/PA501", List.of(), STAMP);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static byte[] inner(byte[] frame) {
        return Arrays.copyOfRange(frame, 1, frame.length - 1);
    }

    @Test
    void theCrcIsCrc16Arc() {
        assertThat(Crc16Arc.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xBB3D);
    }

    @Test
    void aClearFrameIsWrittenAndReadAsTheStandardSpellsIt() {
        byte[] frame = Dc09Codec.encode(panic(false), null, FIRST_PAD);
        assertThat(ascii(frame)).isEqualTo("\n0F3D003C" + CLEAR_TEXT + "\r");

        Dc09Decoded decoded = Dc09Codec.decode(inner(frame), Dc09Keys.none(), STAMP.plusSeconds(3600));
        assertThat(decoded).isInstanceOf(Dc09Decoded.Message.class);
        Dc09Message message = ((Dc09Decoded.Message) decoded).message();
        assertThat(message).isEqualTo(panic(false));
        assertThat(message.effectiveAccount()).isEqualTo("1234");
        assertThat(Dc09Event.of(message)).containsExactly(new Dc09Event(Dc09Event.Kind.SIA, "PA", 'E', "501"));
    }

    @ParameterizedTest(name = "AES-{0}")
    @CsvSource({
            "128,000102030405060708090A0B0C0D0E0F,55C30078,9D16361F2C1420170461EE625062C4C74A2DC3F054D234FCAE07CF3ABA42B2A4A9F91109B71BADC827275DBDBD2AF024",
            "192,000102030405060708090A0B0C0D0E0F1011121314151617,84AC0078,703FFB5D287BB20F98FC0878B0E791A204957015FEB32B8561A8681495AB4EF71B96484EFEB068FAED1B3D2BD01713D8",
            "256,000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F,F4090078,13DAD14F7C58C5B7BBD63C3C9008E6ADDCA46C87911FD29E9560657294F27FA4159453721E3A2E00D6EE83D33A84F1EA"})
    void anEncryptedFrameMatchesTheIndependentEncryptionAndDecryptsWithEachKeyLength(int bits, String key, String head, String cipherText) {
        Dc09Cipher cipher = Dc09Cipher.ofHex(key);
        byte[] frame = Dc09Codec.encode(panic(true), cipher, FIRST_PAD);
        assertThat(ascii(frame)).isEqualTo("\n" + head + "\"*SIA-DCS\"0042R1L1#1234[" + cipherText + "\r");

        Dc09Keys keys = (receiver, line, account) -> "1234".equals(account) ? Optional.of(cipher) : Optional.empty();
        Dc09Decoded decoded = Dc09Codec.decode(inner(frame), keys, STAMP.plusSeconds(5));
        assertThat(decoded).isEqualTo(new Dc09Decoded.Message(panic(true)));

        // A random pad (the real one) still decrypts to the same message.
        byte[] padded = Dc09Codec.encode(panic(true), cipher, RandomGenerator.of("L64X128MixRandom"));
        assertThat(Dc09Codec.decode(inner(padded), keys, STAMP)).isEqualTo(new Dc09Decoded.Message(panic(true)));

        Dc09Keys wrong = (receiver, line, account) -> Optional.of(Dc09Cipher.ofHex("FF".repeat(bits / 8)));
        assertThat(Dc09Codec.decode(inner(frame), wrong, STAMP)).isInstanceOfSatisfying(Dc09Decoded.Unprocessable.class,
                u -> assertThat(u.refusal()).isEqualTo(Dc09Decoded.Refusal.UNDECRYPTABLE));
        assertThat(Dc09Codec.decode(inner(frame), Dc09Keys.none(), STAMP)).isInstanceOfSatisfying(Dc09Decoded.Unprocessable.class,
                u -> assertThat(u.refusal()).isEqualTo(Dc09Decoded.Refusal.NO_KEY));
    }

    @Test
    void anEncryptedMessageOutsideMinus40PlusTwentySecondsIsStaleOnBothSides() {
        Dc09Cipher cipher = Dc09Cipher.ofHex("000102030405060708090A0B0C0D0E0F");
        Dc09Keys keys = (receiver, line, account) -> Optional.of(cipher);
        byte[] frame = inner(Dc09Codec.encode(panic(true), cipher, FIRST_PAD));
        assertThat(Dc09Codec.decode(frame, keys, STAMP.plusSeconds(40))).isInstanceOf(Dc09Decoded.Message.class);
        assertThat(Dc09Codec.decode(frame, keys, STAMP.plusSeconds(41))).isEqualTo(new Dc09Decoded.Stale(panic(true)));
        assertThat(Dc09Codec.decode(frame, keys, STAMP.minusSeconds(20))).isInstanceOf(Dc09Decoded.Message.class);
        assertThat(Dc09Codec.decode(frame, keys, STAMP.minusSeconds(21))).isEqualTo(new Dc09Decoded.Stale(panic(true)));
        // A clear message is not held to the window (the standard asks it of encrypted ones).
        assertThat(Dc09Codec.decode(inner(Dc09Codec.encode(panic(false), null, FIRST_PAD)), keys, STAMP.plusSeconds(3600)))
                .isInstanceOf(Dc09Decoded.Message.class);
    }

    @Test
    void aBadCrcOrLengthGetsNoAnswerAndAnUnknownTokenADuh() {
        String good = "0F3D003C" + CLEAR_TEXT;
        assertThat(Dc09Codec.decode(("0F3E003C" + CLEAR_TEXT).getBytes(StandardCharsets.US_ASCII), Dc09Keys.none(), STAMP))
                .isInstanceOfSatisfying(Dc09Decoded.Unanswerable.class, u -> assertThat(u.refusal()).isEqualTo(Dc09Decoded.Refusal.BAD_CRC));
        assertThat(Dc09Codec.decode(("0F3D003B" + CLEAR_TEXT).getBytes(StandardCharsets.US_ASCII), Dc09Keys.none(), STAMP))
                .isInstanceOfSatisfying(Dc09Decoded.Unanswerable.class, u -> assertThat(u.refusal()).isEqualTo(Dc09Decoded.Refusal.BAD_LENGTH));
        assertThat(Dc09Codec.decode(good.replace("PA501", "PA502").getBytes(StandardCharsets.US_ASCII), Dc09Keys.none(), STAMP))
                .isInstanceOfSatisfying(Dc09Decoded.Unanswerable.class, u -> assertThat(u.refusal()).isEqualTo(Dc09Decoded.Refusal.BAD_CRC));

        byte[] unknown = Dc09Codec.encode(new Dc09Message(Dc09Token.ACK, false, 7, "1", "1", "1234", "", List.of(), null), null, FIRST_PAD);
        String forged = ascii(inner(unknown)).replace("\"ACK\"", "\"XYZ\"");
        byte[] refixed = reframe(forged.substring(8));
        assertThat(Dc09Codec.decode(refixed, Dc09Keys.none(), STAMP)).isInstanceOfSatisfying(Dc09Decoded.Unprocessable.class, u -> {
            assertThat(u.refusal()).isEqualTo(Dc09Decoded.Refusal.UNKNOWN_TOKEN);
            assertThat(ascii(Dc09Responses.duh(u.header()))).isEqualTo(ascii(reframeWhole("\"DUH\"0007R1L1#1234[]")));
        });
    }

    @Test
    void anAckEchoesTheMessageAndIsEncryptedExactlyWhenTheMessageWas() {
        Dc09Cipher cipher = Dc09Cipher.ofHex("000102030405060708090A0B0C0D0E0F");
        assertThat(ascii(Dc09Responses.ack(panic(false), null, STAMP, FIRST_PAD))).isEqualTo(ascii(reframeWhole("\"ACK\"0042R1L1#1234[]")));

        byte[] ack = Dc09Responses.ack(panic(true), cipher, STAMP, FIRST_PAD);
        assertThat(ascii(ack)).contains("\"*ACK\"0042R1L1#1234[");
        Dc09Decoded read = Dc09Codec.decode(inner(ack), (r, l, a) -> Optional.of(cipher), STAMP);
        assertThat(read).isEqualTo(new Dc09Decoded.Message(
                new Dc09Message(Dc09Token.ACK, true, 42, "1", "1", "1234", "", List.of(), STAMP)));

        assertThat(ascii(Dc09Responses.nak("1", "1", STAMP))).isEqualTo(ascii(reframeWhole("\"NAK\"0000R1L1[]_14:12:04,09-25-2026")));
    }

    @Test
    void aLinkTestAndAContactIdEventAreRead() {
        byte[] link = reframe("\"NULL\"0003R1L1#1234[]_14:12:04,09-25-2026");
        Dc09Message nul = ((Dc09Decoded.Message) Dc09Codec.decode(link, Dc09Keys.none(), STAMP)).message();
        assertThat(nul.token()).isEqualTo(Dc09Token.NULL);
        assertThat(Dc09Event.of(nul)).isEmpty();

        byte[] duress = reframe("\"ADM-CID\"0004R1L1#1234[#1234|1121 01 015]");
        Dc09Message cid = ((Dc09Decoded.Message) Dc09Codec.decode(duress, Dc09Keys.none(), STAMP)).message();
        assertThat(Dc09Event.of(cid)).containsExactly(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "121", 'E', "015"));
        byte[] restore = reframe("\"ADM-CID\"0005R1L1#1234[#1234|3302 00 000]");
        assertThat(Dc09Event.of(((Dc09Decoded.Message) Dc09Codec.decode(restore, Dc09Keys.none(), STAMP)).message()))
                .containsExactly(new Dc09Event(Dc09Event.Kind.CONTACT_ID, "302", 'R', "000"));
        byte[] several = reframe("\"SIA-DCS\"0006L0#AAA[|Nri1/HA001/ri2/YT]");
        assertThat(Dc09Event.of(((Dc09Decoded.Message) Dc09Codec.decode(several, Dc09Keys.none(), STAMP)).message()))
                .extracting(Dc09Event::code).containsExactly("HA", "YT");
    }

    @Test
    void theSequenceWrapsFrom9999To0001() {
        assertThat(Dc09Sequence.next(1)).isEqualTo(2);
        assertThat(Dc09Sequence.next(9998)).isEqualTo(9999);
        assertThat(Dc09Sequence.next(9999)).isEqualTo(1);
        Dc09Message last = new Dc09Message(Dc09Token.NULL, false, 9999, null, "0", "AAA", "", List.of(), null);
        assertThat(ascii(Dc09Codec.encode(last, null, FIRST_PAD))).contains("\"NULL\"9999L0#AAA[]");
    }

    @Test
    void theSplitterCutsFramesAcrossReadsAndDropsGarbageAndOversizedFrames() {
        Dc09FrameSplitter splitter = new Dc09FrameSplitter();
        byte[] frame = Dc09Codec.encode(panic(false), null, FIRST_PAD);
        byte[] stream = ("noise" + ascii(frame) + ascii(frame)).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> first = splitter.feed(stream, 0, 20);
        List<byte[]> rest = splitter.feed(stream, 20, stream.length - 20);
        assertThat(first).isEmpty();
        assertThat(rest).hasSize(2).allSatisfy(f -> assertThat(f).isEqualTo(inner(frame)));
        assertThat(splitter.droppedBytes()).isEqualTo(5);

        byte[] endless = new byte[Dc09Codec.MAX_FRAME_BYTES * 3];
        Arrays.fill(endless, (byte) 'A');
        endless[0] = '\n';
        assertThat(splitter.feed(endless, 0, endless.length)).isEmpty();
        assertThat(splitter.bufferedBytes()).isLessThanOrEqualTo(Dc09Codec.MAX_FRAME_BYTES);
        assertThat(splitter.feed(frame, 0, frame.length)).hasSize(1);
    }

    /** CRC and length in front of {@code text} (without LF/CR), as a transmitter would write them. */
    static byte[] reframe(String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        return (String.format("%04X0%03X", Crc16Arc.of(body), body.length) + text).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] reframeWhole(String text) {
        return ("\n" + ascii(reframe(text)) + "\r").getBytes(StandardCharsets.US_ASCII);
    }
}
