package nl.pac.dc09;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever arrives on the socket, the codec answers with one of its cases and never throws or hoards bytes. */
class Dc09RandomInputTest {

    private static final Dc09Keys KEYS = (r, l, a) -> Optional.of(Dc09Cipher.ofHex("000102030405060708090A0B0C0D0E0F"));
    private static final Instant NOW = Instant.parse("2026-09-25T14:12:04Z");

    @Property(tries = 2000)
    void randomBytesNeverThrowAndNeverBufferMoreThanAFrame(@ForAll @Size(max = 9000) byte[] bytes) {
        assertThat(Dc09Codec.decode(bytes, KEYS, NOW)).isNotNull();
        Dc09FrameSplitter splitter = new Dc09FrameSplitter();
        for (byte[] frame : splitter.feed(bytes, 0, bytes.length)) {
            assertThat(Dc09Codec.decode(frame, KEYS, NOW)).isNotNull();
        }
        assertThat(splitter.bufferedBytes()).isLessThanOrEqualTo(Dc09Codec.MAX_FRAME_BYTES);
    }

    @Property(tries = 2000)
    void randomTextAfterAValidHeadNeverThrows(@ForAll @Size(max = 300) String tail, @ForAll boolean encrypted) {
        String text = (encrypted ? "\"*SIA-DCS\"0001R1L1#1234[" : "\"SIA-DCS\"0001R1L1#1234[") + tail;
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = (String.format("%04X0%03X", Crc16Arc.of(body), body.length & 0xFFF) + text).getBytes(StandardCharsets.US_ASCII);
        assertThat(Dc09Codec.decode(frame, KEYS, NOW)).isNotNull();
    }

    /**
     * CRC-16 finds every change of one byte, so a damaged frame is never read as a different message.
     * (The same message can survive: a hex digit of the CRC or length written in the other case.)
     */
    @Property(tries = 2000)
    void changingAnyOneByteOfAValidFrameNeverYieldsADifferentMessage(@ForAll int position, @ForAll byte replacement) {
        Dc09Message sent = new Dc09Message(Dc09Token.SIA_DCS, false, 42, "1", "1", "1234", "#1234|Nri1/PA501", List.of(), NOW);
        byte[] frame = Dc09Codec.encode(sent, null, () -> 0L);
        byte[] inner = java.util.Arrays.copyOfRange(frame, 1, frame.length - 1);
        int at = Math.floorMod(position, inner.length);
        if (inner[at] == replacement) {
            return;
        }
        inner[at] = replacement;
        Dc09Decoded decoded = Dc09Codec.decode(inner, KEYS, NOW);
        if (decoded instanceof Dc09Decoded.Message read) {
            assertThat(read.message()).as("a damaged frame read as a message must be the message sent").isEqualTo(sent);
            assertThat(at).as("only the CRC and length digits may change case harmlessly").isLessThan(8);
        }
    }
}
