package nl.pac.escalation.chain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "pac.escalation")
public interface EscalationConfig {

    /** The built-in policy: for visits without a team, and teams that have not stored their own. */
    DefaultPolicy defaultPolicy();

    /**
     * The longest the scheduler sleeps between sweeps of the timer table. It sleeps until the next due
     * step it knows of; this bounds how late it notices a timer armed by another instance.
     */
    @WithDefault("PT1S")
    Duration timerSweepInterval();

    /**
     * How long before a visit's registration a danger alarm of its worker still applies to it (ADR
     * 0009): a panic pressed at the door, just before the app registered the visit, or a device clock
     * that runs this much ahead of the app's. A visit starting this long after an alarm that no
     * operator has resolved yet goes straight to police.
     */
    @WithDefault("PT2M")
    Duration dangerLookback();

    /** How long danger signals are kept after they arrive; at least the lookback, so a late visit still finds them. */
    @WithDefault("P1D")
    Duration dangerSignalRetention();

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

        /** Whether an undecided manager means police (the seeds), or leaves the police decision to the operator. */
        @WithDefault("true")
        boolean noDecisionMeansPolice();

        /** The agreed check-in after a risk visit starts. */
        @WithDefault("PT10M")
        Duration riskCheckInAfter();
    }
}
