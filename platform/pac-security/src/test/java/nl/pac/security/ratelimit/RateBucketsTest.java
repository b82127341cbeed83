package nl.pac.security.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateBucketsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateBuckets buckets = new RateBuckets(nanos::get);
    private final RateBuckets.Limit tenPerSecondBurstThree = new RateBuckets.Limit(10, 3);

    @Test
    void aBurstIsAllowedThenTheCallerWaitsForTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("person:a", tenPerSecondBurstThree)).isZero();
        }
        assertThat(buckets.take("person:a", tenPerSecondBurstThree)).isEqualTo(Duration.ofMillis(100));
        nanos.addAndGet(Duration.ofMillis(60).toNanos());
        assertThat(buckets.take("person:a", tenPerSecondBurstThree)).isEqualTo(Duration.ofMillis(40));
        nanos.addAndGet(Duration.ofMillis(40).toNanos());
        assertThat(buckets.take("person:a", tenPerSecondBurstThree)).isZero();
    }

    @Test
    void callersHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            buckets.take("person:a", tenPerSecondBurstThree);
        }
        assertThat(buckets.take("person:a", tenPerSecondBurstThree)).isPositive();
        assertThat(buckets.take("person:b", tenPerSecondBurstThree)).isZero();
    }

    @Test
    void aQuietCallerRefillsOnlyUpToTheBurst() {
        buckets.take("person:a", tenPerSecondBurstThree);
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("person:a", tenPerSecondBurstThree)).isZero();
        }
        assertThat(buckets.take("person:a", tenPerSecondBurstThree)).isPositive();
    }

    @Test
    void aLimitMustAllowSomething() {
        assertThatThrownBy(() -> new RateBuckets.Limit(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateBuckets.Limit(1, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
