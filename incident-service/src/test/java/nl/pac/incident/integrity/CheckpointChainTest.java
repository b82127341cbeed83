package nl.pac.incident.integrity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointChainTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void aChainOfCheckpointsVerifiesAndEachKindOfChangeIsNamed() {
        List<CheckpointChain.Checkpoint> chain = chain(
                List.of(new CheckpointChain.Head(A, 3, hash(1)), new CheckpointChain.Head(B, 1, hash(2))),
                List.of(new CheckpointChain.Head(A, 5, hash(3))));
        assertThat(CheckpointChain.verify(chain)).isEqualTo(new CheckpointChain.Verdict(2, true, null, null));

        List<CheckpointChain.Checkpoint> altered = new ArrayList<>(chain);
        CheckpointChain.Checkpoint first = chain.get(0);
        altered.set(0, new CheckpointChain.Checkpoint(first.tenantId(), 1, first.takenAt(),
                List.of(new CheckpointChain.Head(A, 2, hash(1)), first.heads().get(1)), first.headsHash(), first.prevHash(),
                first.checkpointHash()));
        assertThat(CheckpointChain.verify(altered).firstBrokenSeq()).isEqualTo(1);

        assertThat(CheckpointChain.verify(List.of(chain.get(1))).reason()).contains("a checkpoint is missing");
        CheckpointChain.Checkpoint second = chain.get(1);
        CheckpointChain.Checkpoint redated = new CheckpointChain.Checkpoint(second.tenantId(), 2, "2020-01-01T00:00:00Z", second.heads(),
                second.headsHash(), second.prevHash(), second.checkpointHash());
        assertThat(CheckpointChain.verify(List.of(first, redated)).reason()).isEqualTo("checkpoint altered");
    }

    @Test
    void anIncidentIsHeldAgainstTheHeadItsCheckpointRecorded() {
        List<ChainEntry> entries = List.of(entry(1, hash(7)), entry(2, hash(8)));
        assertThat(CheckpointChain.checkAgainst(entries, new CheckpointChain.Head(A, 2, hash(8)), 4)).isNull();
        assertThat(CheckpointChain.checkAgainst(entries, new CheckpointChain.Head(A, 3, hash(9)), 4))
                .isEqualTo("entry 3, recorded by checkpoint 4, is gone: entries were removed");
        assertThat(CheckpointChain.checkAgainst(entries, new CheckpointChain.Head(A, 2, hash(9)), 4))
                .isEqualTo("entry 2 differs from what checkpoint 4 recorded: the chain was rewritten");
    }

    private static List<CheckpointChain.Checkpoint> chain(List<CheckpointChain.Head> first, List<CheckpointChain.Head> second) {
        List<CheckpointChain.Checkpoint> chain = new ArrayList<>();
        byte[] prev = new byte[0];
        int seq = 1;
        for (List<CheckpointChain.Head> heads : List.of(first, second)) {
            String at = "2026-11-25T10:0" + seq + ":00Z";
            byte[] headsHash = CheckpointChain.headsHash(heads);
            byte[] hash = CheckpointChain.checkpointHash(prev, "t", seq, at, heads.size(), headsHash);
            chain.add(new CheckpointChain.Checkpoint("t", seq, at, heads, headsHash, prev, hash));
            prev = hash;
            seq++;
        }
        return chain;
    }

    private static ChainEntry entry(int seq, byte[] hash) {
        return new ChainEntry(seq, seq, A, UUID.randomUUID(), "AlarmRaised", "2026-11-25T10:00:00.000000Z", "s", "{}",
                new byte[32], new byte[32], new byte[0], hash);
    }

    private static byte[] hash(int n) {
        return HashChain.sha256(new byte[]{(byte) n});
    }
}
