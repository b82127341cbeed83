package nl.pac.dc09;

/**
 * The DC-09 frame check: CRC-16/ARC (polynomial 0x8005 reflected as 0xA001, initial value 0, no
 * final XOR), over the bytes from the opening quote of the id token to the end of the timestamp.
 * Table-driven because the receiver computes it for every frame it reads.
 */
public final class Crc16Arc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16Arc() {
    }

    public static int of(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xFF];
        }
        return crc;
    }

    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
