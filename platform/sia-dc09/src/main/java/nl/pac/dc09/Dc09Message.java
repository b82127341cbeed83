package nl.pac.dc09;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One DC-09 message as read from, or to be written to, a frame: everything between the length
 * field and the closing CR, with encrypted content already decrypted.
 *
 * @param encrypted whether the token was {@code *}-prefixed (content AES-encrypted)
 * @param sequence  0 to 9999; transmitters count 0001 to 9999 and wrap to 0001, and repeat the
 *                  number when they retry the same message
 * @param receiver  the receiver number (hex, 1 to 6 digits), or null when the frame names none
 * @param line      the line prefix (hex, 1 to 6 digits)
 * @param account   the account (hex, 3 to 16 digits), or null when the frame names none
 * @param data      the content of the first bracket pair (for events {@code #acct|Nri1/PA501}); empty for
 *                  responses and most link tests
 * @param extended  the contents of the extended-data bracket pairs that follow, in order
 * @param timestamp the message's time stamp (UTC, to the second), or null when it carries none;
 *                  required in encrypted messages
 */
public record Dc09Message(Dc09Token token, boolean encrypted, int sequence, String receiver, String line,
                          String account, String data, List<String> extended, Instant timestamp) {

    public Dc09Message {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(data, "data");
        extended = List.copyOf(extended);
        if (sequence < 0 || sequence > 9999) {
            throw new IllegalArgumentException("sequence must be 0000 to 9999: " + sequence);
        }
    }

    /** The account the message is from: the header's, or else the one the data opens with ({@code #acct|…}). */
    public String effectiveAccount() {
        if (account != null) {
            return account;
        }
        if (data.startsWith("#")) {
            int bar = data.indexOf('|');
            return bar > 1 ? data.substring(1, bar) : null;
        }
        return null;
    }
}
