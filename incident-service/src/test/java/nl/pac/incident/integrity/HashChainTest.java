package nl.pac.incident.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    private static final UUID INCIDENT = UUID.randomUUID();

    /** Builds a chain the way the database does, with the formula HashChain documents. */
    private static List<ChainEntry> chain(String... summaries) {
        List<ChainEntry> entries = new ArrayList<>();
        byte[] previous = new byte[0];
        for (int i = 0; i < summaries.length; i++) {
            String details = "{\"n\": " + i + "}";
            ChainEntry unhashed = new ChainEntry(100 + i, i + 1, INCIDENT, UUID.randomUUID(), "AlarmRaised",
                    "2026-11-23T10:00:0" + i + ".000000Z", summaries[i], details, sha(summaries[i]), sha(details), previous, null);
            byte[] hash = HashChain.entryHash(unhashed);
            entries.add(withHash(unhashed, hash));
            previous = hash;
        }
        return entries;
    }

    private static ChainEntry withHash(ChainEntry e, byte[] hash) {
        return new ChainEntry(e.entryId(), e.seq(), e.incidentId(), e.eventId(), e.eventType(), e.occurredAt(), e.summary(), e.details(),
                e.summaryHash(), e.detailsHash(), e.prevHash(), hash);
    }

    private static byte[] sha(String s) {
        return HashChain.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUntouchedChainIsIntactAndAnEmptyOneToo() {
        assertThat(HashChain.verify(chain("alarm", "notified", "accepted")).intact()).isTrue();
        assertThat(HashChain.verify(List.of()).intact()).isTrue();
    }

    @Test
    void theFirstAlteredEntryIsNamed() {
        List<ChainEntry> entries = chain("alarm", "notified", "accepted");
        ChainEntry second = entries.get(1);
        entries.set(1, new ChainEntry(second.entryId(), second.seq(), INCIDENT, second.eventId(), second.eventType(), second.occurredAt(),
                second.summary(), "{\"n\": 99}", second.summaryHash(), second.detailsHash(), second.prevHash(), second.entryHash()));

        HashChain.Verdict verdict = HashChain.verify(entries);
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBroken().seq()).isEqualTo(2);
        assertThat(verdict.firstBroken().reason()).isEqualTo("details altered");
    }

    @Test
    void aReplacedEntryWithRecomputedOwnHashStillBreaksTheNext() {
        List<ChainEntry> entries = chain("alarm", "notified", "accepted");
        ChainEntry second = entries.get(1);
        // A forger who recomputes the altered entry's own hashes cannot fix the next entry's link to it.
        ChainEntry forged = new ChainEntry(second.entryId(), 2, INCIDENT, second.eventId(), second.eventType(), second.occurredAt(),
                "nothing happened", second.details(), sha("nothing happened"), second.detailsHash(), second.prevHash(), null);
        entries.set(1, withHash(forged, HashChain.entryHash(forged)));

        HashChain.Verdict verdict = HashChain.verify(entries);
        assertThat(verdict.firstBroken().seq()).isEqualTo(3);
        assertThat(verdict.firstBroken().reason()).startsWith("does not continue the previous entry's hash");
    }
}
