package nl.pac.escalation.chain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "pac.escalation")
public interface EscalationConfig {

    /** The policy every visit gets until teams have their own (stored, versioned policies come with their API). */
    DefaultPolicy defaultPolicy();

    /** How often the scheduler looks for due steps: the upper bound of the firing lag it adds. */
    @WithDefault("PT0.2S")
    Duration timerPollInterval();

    /** How many due chains one scheduler transaction claims. */
    @WithDefault("200")
    int timerBatchSize();

    interface DefaultPolicy {

        /** Wait after the expected end before the worker is contacted (seeds: half an hour). */
        @WithDefault("PT30M")
        Duration grace();

        /** How long the worker may stay unreachable before the manager is told. */
        @WithDefault("PT15M")
        Duration contactWorkerTimeout();

        /** How long the manager may take to decide before police are requested. */
        @WithDefault("PT15M")
        Duration managerDecisionTimeout();

        /** The agreed check-in after a risk visit starts. */
        @WithDefault("PT10M")
        Duration riskCheckInAfter();
    }
}
