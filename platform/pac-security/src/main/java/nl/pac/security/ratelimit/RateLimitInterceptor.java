package nl.pac.security.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.Caller;
import nl.pac.security.CurrentCaller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies the caller's allowance before the endpoint reads its body, so a flood costs little and
 * changes nothing. Limits are per instance: N instances behind a balancer allow N times as much,
 * which is the price of not putting a shared store in the path of a panic alarm.
 */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class RateLimitInterceptor {

    /** A vendor identity may carry its own contracted rate (requests/s) under this attribute. */
    public static final String VENDOR_RATE_ATTRIBUTE = "pac.rate-per-second";

    private final RateBuckets buckets = new RateBuckets(System::nanoTime);
    private final Map<Class<? extends RateLimitedRequest>, RateLimitedRequest> readers = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry metrics;

    @Inject
    CurrentCaller current;

    @Inject
    SecurityIdentity identity;

    @Inject
    RateLimitConfig config;

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        Caller caller = current.caller();
        RateLimitedRequest.Facts facts = readerOf(invocation).of(invocation.getParameters());
        // A vendor's gateway serves several tenants: a storm of one tenant's devices must not make another's
        // alarms wait. People act for their own tenant, so their key is their own.
        String key = caller.kind() == Caller.Kind.VENDOR && facts.tenant() != null ? caller.key() + "@" + facts.tenant() : caller.key();
        Duration wait = buckets.take(key, limitOf(caller));
        if (!wait.isZero()) {
            if (facts.neverRefuse()) {
                // Refusing a panic for rate could leave a person in danger unheard: admit it, and make the overrun visible.
                metrics.counter("pac.rate_limit.overrun_admitted", "reason", facts.reason()).increment();
                return invocation.proceed();
            }
            metrics.counter("pac.rate_limit.refused").increment();
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ProblemException(Problem.of("rate-limited", "Too many requests", 429,
                    "slow down: retry after " + seconds + " s", List.of()), Long.toString(seconds));
        }
        return invocation.proceed();
    }

    private RateLimitedRequest readerOf(InvocationContext invocation) {
        RateLimited on = invocation.getMethod().getAnnotation(RateLimited.class);
        if (on == null) {
            on = invocation.getMethod().getDeclaringClass().getAnnotation(RateLimited.class);
        }
        Class<? extends RateLimitedRequest> type = on == null ? RateLimitedRequest.CallerOnly.class : on.request();
        return readers.computeIfAbsent(type, RateLimitInterceptor::instantiate);
    }

    private static RateLimitedRequest instantiate(Class<? extends RateLimitedRequest> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " needs a public no-argument constructor", e);
        }
    }

    private RateBuckets.Limit limitOf(Caller caller) {
        if (caller.kind() == Caller.Kind.VENDOR) {
            Double contracted = identity.getAttribute(VENDOR_RATE_ATTRIBUTE);
            double rate = contracted != null ? contracted : config.vendor().perSecond();
            // Devices retry in bursts after a network outage; twice the rate absorbs one.
            return new RateBuckets.Limit(rate, Math.max(1, 2 * rate));
        }
        return new RateBuckets.Limit(config.person().perSecond(), config.person().burst());
    }
}
