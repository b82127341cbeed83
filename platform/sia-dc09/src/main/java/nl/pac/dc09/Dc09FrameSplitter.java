package nl.pac.dc09;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a TCP byte stream into frames: from an LF to the next CR. Bytes outside a frame are dropped,
 * and a frame that grows past {@link Dc09Codec#MAX_FRAME_BYTES} without its CR is dropped too, so a
 * connection sending garbage never makes the receiver buffer more than one frame's worth.
 */
public final class Dc09FrameSplitter {

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean inFrame;
    private long dropped;

    /** The frames (the bytes between LF and CR) completed by {@code chunk}. */
    public List<byte[]> feed(byte[] chunk, int offset, int length) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = chunk[i];
            if (b == '\n') {
                if (inFrame && current.size() > 0) {
                    dropped += current.size();
                }
                current.reset();
                inFrame = true;
            } else if (!inFrame) {
                dropped++;
            } else if (b == '\r') {
                frames.add(current.toByteArray());
                current.reset();
                inFrame = false;
            } else if (current.size() >= Dc09Codec.MAX_FRAME_BYTES) {
                dropped += current.size() + 1;
                current.reset();
                inFrame = false;
            } else {
                current.write(b);
            }
        }
        return frames;
    }

    /** Bytes thrown away so far as belonging to no frame. */
    public long droppedBytes() {
        return dropped;
    }

    /** Bytes held for a frame not yet complete: never more than one frame's. */
    public int bufferedBytes() {
        return current.size();
    }
}
