package nl.pac.dispatch.clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.InstantSource;

/** The service's one clock: tests and benchmarks replace it rather than sleeping. */
public class ClockProducer {

    @Produces
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }
}
