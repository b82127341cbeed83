package nl.pac.incident.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Recomputes an incident's hash chain and names the first entry that does not fit. Plain Java; the
 * formula is the one the database applies at insert:
 * {@code entry_hash = SHA-256(prev_hash ‖ utf8("<incident>|<seq>|<event>|<type>|<occurredAt>") ‖ summary_hash ‖ details_hash)},
 * with {@code summary_hash = SHA-256(utf8(summary))}, {@code details_hash = SHA-256(utf8(details))}
 * and an empty {@code prev_hash} for the first entry.
 */
public final class HashChain {

    /** The outcome: intact, or the first entry that breaks the chain and why. */
    public record Verdict(int entries, boolean intact, Broken firstBroken, String headHash) {
    }

    public record Broken(long entryId, Integer seq, String eventId, String reason) {
    }

    private HashChain() {
    }

    /** @param entries the incident's entries in insertion order (by seq) */
    public static Verdict verify(List<ChainEntry> entries) {
        byte[] previous = new byte[0];
        for (int i = 0; i < entries.size(); i++) {
            ChainEntry e = entries.get(i);
            String reason = check(e, i + 1, previous);
            if (reason != null) {
                return new Verdict(entries.size(), false, new Broken(e.entryId(), e.seq(), e.eventId().toString(), reason), null);
            }
            previous = e.entryHash();
        }
        return new Verdict(entries.size(), true, null, HexFormat.of().formatHex(previous));
    }

    private static String check(ChainEntry e, int expectedSeq, byte[] previous) {
        if (e.seq() == null || e.entryHash() == null) {
            return "not chained (written before hashing was introduced)";
        }
        if (e.seq() != expectedSeq) {
            return "sequence " + e.seq() + " where " + expectedSeq + " was expected: an entry is missing";
        }
        if (!MessageDigest.isEqual(previous, e.prevHash())) {
            return "does not continue the previous entry's hash: an entry before it was removed or changed";
        }
        if (e.summary() != null && !MessageDigest.isEqual(sha256(utf8(e.summary())), e.summaryHash())) {
            return "summary altered";
        }
        if (e.details() != null && !MessageDigest.isEqual(sha256(utf8(e.details())), e.detailsHash())) {
            return "details altered";
        }
        if (!MessageDigest.isEqual(entryHash(e), e.entryHash())) {
            return "entry altered (id, type, time or hashes do not match)";
        }
        return null;
    }

    static byte[] entryHash(ChainEntry e) {
        MessageDigest digest = digest();
        digest.update(e.prevHash());
        digest.update(utf8(e.incidentId() + "|" + e.seq() + "|" + e.eventId() + "|" + e.eventType() + "|" + e.occurredAt()));
        digest.update(e.summaryHash());
        digest.update(e.detailsHash());
        return digest.digest();
    }

    static byte[] sha256(byte[] bytes) {
        return digest().digest(bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
