package nl.pac.dispatch.clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import nl.pac.dispatch.routing.Dispatcher;

import java.time.InstantSource;
import java.util.UUID;

/** The service's one clock (tests and benchmarks replace it rather than sleeping) and id source. */
public class ClockProducer {

    @Produces
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }

    @Produces
    @Singleton
    Dispatcher dispatcher() {
        return new Dispatcher(UUID::randomUUID);
    }
}
