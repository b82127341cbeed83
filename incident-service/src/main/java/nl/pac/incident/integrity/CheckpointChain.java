package nl.pac.incident.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The per-tenant chain of checkpoints across incidents. Plain Java, the one formula for writing and
 * checking:
 * {@code heads_hash = SHA-256(for each head by incident id: utf8("<incident>|<seq>|<hex entry_hash>\n"))},
 * {@code checkpoint_hash = SHA-256(prev_hash ‖ utf8("<tenant>|<seq>|<takenAt ISO-8601>|<incidents>") ‖ heads_hash)},
 * with an empty {@code prev_hash} for a tenant's first checkpoint.
 */
public final class CheckpointChain {

    /** One incident's head as a checkpoint saw it. */
    public record Head(UUID incidentId, int seq, byte[] entryHash) {
    }

    /** One stored checkpoint with its heads. */
    public record Checkpoint(String tenantId, int seq, String takenAt, List<Head> heads, byte[] headsHash, byte[] prevHash,
                             byte[] checkpointHash) {
    }

    /** The outcome: intact, or the first checkpoint that does not fit and why. */
    public record Verdict(int checkpoints, boolean intact, Integer firstBrokenSeq, String reason) {
    }

    private CheckpointChain() {
    }

    public static byte[] headsHash(List<Head> heads) {
        MessageDigest digest = HashChain.digest();
        heads.stream().sorted(Comparator.comparing(Head::incidentId)).forEach(h -> digest.update(
                (h.incidentId() + "|" + h.seq() + "|" + HexFormat.of().formatHex(h.entryHash()) + "\n").getBytes(StandardCharsets.UTF_8)));
        return digest.digest();
    }

    public static byte[] checkpointHash(byte[] prevHash, String tenantId, int seq, String takenAt, int incidents, byte[] headsHash) {
        MessageDigest digest = HashChain.digest();
        digest.update(prevHash);
        digest.update((tenantId + "|" + seq + "|" + takenAt + "|" + incidents).getBytes(StandardCharsets.UTF_8));
        digest.update(headsHash);
        return digest.digest();
    }

    /** @param checkpoints the tenant's checkpoints in order of seq */
    public static Verdict verify(List<Checkpoint> checkpoints) {
        byte[] previous = new byte[0];
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint c = checkpoints.get(i);
            String reason = null;
            if (c.seq() != i + 1) {
                reason = "checkpoint " + c.seq() + " where " + (i + 1) + " was expected: a checkpoint is missing";
            } else if (!MessageDigest.isEqual(previous, c.prevHash())) {
                reason = "does not continue the previous checkpoint's hash";
            } else if (!MessageDigest.isEqual(headsHash(c.heads()), c.headsHash())) {
                reason = "the incident heads it records were altered";
            } else if (!MessageDigest.isEqual(checkpointHash(c.prevHash(), c.tenantId(), c.seq(), c.takenAt(), c.heads().size(),
                    c.headsHash()), c.checkpointHash())) {
                reason = "checkpoint altered";
            }
            if (reason != null) {
                return new Verdict(checkpoints.size(), false, c.seq(), reason);
            }
            previous = c.checkpointHash();
        }
        return new Verdict(checkpoints.size(), true, null, null);
    }

    /**
     * Whether an incident's chain still holds the head the latest checkpoint saw: an entry at that seq
     * with that hash. Null if so; otherwise why not (its last entries were cut, or rewritten and re-hashed).
     */
    public static String checkAgainst(List<ChainEntry> entries, Head head, int checkpointSeq) {
        for (ChainEntry entry : entries) {
            if (entry.seq() != null && entry.seq() == head.seq()) {
                return MessageDigest.isEqual(entry.entryHash(), head.entryHash()) ? null
                        : "entry " + head.seq() + " differs from what checkpoint " + checkpointSeq + " recorded: the chain was rewritten";
            }
        }
        return "entry " + head.seq() + ", recorded by checkpoint " + checkpointSeq + ", is gone: entries were removed";
    }
}
