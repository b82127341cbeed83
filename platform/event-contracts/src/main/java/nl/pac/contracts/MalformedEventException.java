package nl.pac.contracts;

/**
 * A record on a PAC topic that does not follow the contract. Consumers park such records on the
 * dead-letter topic instead of retrying them forever.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
