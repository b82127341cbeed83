package nl.pac.security.ratelimit;

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

    @Inject
    CurrentCaller current;

    @Inject
    SecurityIdentity identity;

    @Inject
    RateLimitConfig config;

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        Caller caller = current.caller();
        Duration wait = buckets.take(caller.key(), limitOf(caller));
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ProblemException(Problem.of("rate-limited", "Too many requests", 429,
                    "slow down: retry after " + seconds + " s", List.of()), Long.toString(seconds));
        }
        return invocation.proceed();
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
