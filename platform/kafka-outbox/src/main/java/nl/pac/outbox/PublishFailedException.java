package nl.pac.outbox;

/** Kafka did not acknowledge a record in time: the caller must not report the event as accepted. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
