package nl.pac.dc09;

/**
 * Transmitters number their messages 0001 to 9999 and wrap to 0001 (0000 is the NAK's), repeating a
 * number only when they retry the same message; the receiver echoes it in its answer.
 */
public final class Dc09Sequence {

    private Dc09Sequence() {
    }

    public static int next(int sequence) {
        return sequence >= 9999 || sequence < 1 ? 1 : sequence + 1;
    }
}
