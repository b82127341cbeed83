package nl.pac.dispatch.delivery;

/** How one attempt went, from the channel's point of view. */
public record DeliveryResult(Kind kind, String detail) {

    public enum Kind {
        /** The channel took the message. */
        DELIVERED,
        /** A temporary failure (timeout, 5xx, 429, connection refused): worth trying the same contact again. */
        TEMPORARY_FAILURE,
        /** The exchange's deadline passed (no answer, or one still trickling): a temporary failure too. */
        TIMED_OUT,
        /** The channel refused this contact point for good (4xx, unknown number, channel not configured). */
        REFUSED
    }

    public static DeliveryResult delivered(String detail) {
        return new DeliveryResult(Kind.DELIVERED, detail);
    }

    public static DeliveryResult temporary(String detail) {
        return new DeliveryResult(Kind.TEMPORARY_FAILURE, detail);
    }

    public static DeliveryResult timedOut(String detail) {
        return new DeliveryResult(Kind.TIMED_OUT, detail);
    }

    public static DeliveryResult refused(String detail) {
        return new DeliveryResult(Kind.REFUSED, detail);
    }

    /** Detail is capped: it goes into an event, and a provider's error page is not a detail. */
    public DeliveryResult {
        detail = detail == null ? "" : detail.length() > 200 ? detail.substring(0, 197) + "..." : detail;
    }
}
