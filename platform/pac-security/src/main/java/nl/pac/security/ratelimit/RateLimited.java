package nl.pac.security.ratelimit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write endpoint: each caller may call it at its allowance, then gets 429 with Retry-After. A device
 * vendor's allowance is per tenant the request acts for, and a request its {@link #request() reader}
 * marks as never to be refused (a danger alarm) is admitted over the allowance and counted.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {

    /** What the limiter may learn from the request's parameters; by default nothing but its caller. */
    @Nonbinding
    Class<? extends RateLimitedRequest> request() default RateLimitedRequest.CallerOnly.class;
}
