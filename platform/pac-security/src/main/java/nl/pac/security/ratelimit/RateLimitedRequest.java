package nl.pac.security.ratelimit;

/**
 * What the rate limiter may learn from one request's parameters (its body, already read) before it
 * answers 429: which tenant the request acts for, so one tenant's device storm does not spend
 * another's allowance, and whether refusing it could leave a person in danger unheard.
 *
 * <p>An endpoint names its reader on {@link RateLimited#request()}; a reader must be cheap, must not
 * throw (an unreadable body is {@link Facts#UNKNOWN}; the endpoint refuses it properly) and needs a
 * no-argument constructor.
 */
public interface RateLimitedRequest {

    /**
     * @param tenant      the tenant the request acts for, or null if it does not say
     * @param neverRefuse true: over the allowance it is still admitted, and counted (why: {@code reason})
     */
    record Facts(String tenant, boolean neverRefuse, String reason) {
        public static final Facts UNKNOWN = new Facts(null, false, null);

        public Facts {
            if (neverRefuse && (reason == null || reason.isBlank())) {
                throw new IllegalArgumentException("a request admitted over the allowance says why");
            }
        }
    }

    Facts of(Object[] parameters);

    /** The default: nothing is known of the request but its caller. */
    final class CallerOnly implements RateLimitedRequest {
        @Override
        public Facts of(Object[] parameters) {
            return Facts.UNKNOWN;
        }
    }
}
