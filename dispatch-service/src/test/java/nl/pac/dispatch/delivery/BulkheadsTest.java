package nl.pac.dispatch.delivery;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No tenant and no destination holds more than its share of the senders; the rest stay free for everyone else. */
class BulkheadsTest {

    private static final String HOOKS_A = "https://hooks.a.example:443";
    private static final String HOOKS_B = "https://hooks.b.example:443";
    private static final String PROVIDER = "https://sms.example:443";

    @Test
    void aTenantWithItsShareHeldStartsNothingMoreWhileAnotherTenantStillStarts() {
        Bulkheads b = new Bulkheads(4, 2, 3);
        assertThat(b.tryTake(UUID.randomUUID(), "a", HOOKS_A)).isPresent();
        assertThat(b.tryTake(UUID.randomUUID(), "a", PROVIDER)).isPresent();

        assertThat(b.tryTake(UUID.randomUUID(), "a", HOOKS_B)).isEmpty();
        assertThat(b.fullTenants()).containsExactly("a");
        assertThat(b.tryTake(UUID.randomUUID(), "b", HOOKS_B)).isPresent();
        assertThat(b.perTenantNow()).isEqualTo(2);
    }

    @Test
    void aFullDestinationParksItsDeliveriesUntilACallToItEnds() {
        Bulkheads b = new Bulkheads(8, 3, 2);
        Bulkheads.Slot first = b.tryTake(UUID.randomUUID(), "a", PROVIDER).orElseThrow();
        assertThat(b.tryTake(UUID.randomUUID(), "b", PROVIDER)).isPresent();
        UUID waiting = UUID.randomUUID();

        assertThat(b.tryTake(waiting, "c", PROVIDER)).isEmpty();
        assertThat(b.parked()).containsExactly(waiting);
        assertThat(b.tryTake(UUID.randomUUID(), "c", HOOKS_A)).as("c's other endpoints are not held up").isPresent();

        b.release(first);
        assertThat(b.parked()).isEmpty();
        assertThat(b.tryTake(waiting, "c", PROVIDER)).isPresent();
    }

    @Test
    void withEverySenderHeldNoTenantStartsAnything() {
        Bulkheads b = new Bulkheads(2, 1, 1);
        Bulkheads.Slot a = b.tryTake(UUID.randomUUID(), "a", HOOKS_A).orElseThrow();
        assertThat(b.tryTake(UUID.randomUUID(), "b", HOOKS_B)).isPresent();

        assertThat(b.perTenantNow()).isZero();
        assertThat(b.tryTake(UUID.randomUUID(), "c", PROVIDER)).isEmpty();
        assertThat(b.parked()).as("waiting for the pool, not for a destination").isEmpty();
        b.release(a);
        assertThat(b.perTenantNow()).isEqualTo(1);
        assertThat(b.fullTenants()).containsExactly("b");
    }

    @Test
    void aShareAsLargeAsThePoolIsRefused() {
        assertThatThrownBy(() -> new Bulkheads(8, 8, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bulkheads(8, 4, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bulkheads(8, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
