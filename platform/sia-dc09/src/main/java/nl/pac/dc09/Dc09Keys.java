package nl.pac.dc09;

import java.util.Optional;

/** Where the receiver finds the AES key for an encrypted message: per receiver line, optionally per account. */
@FunctionalInterface
public interface Dc09Keys {

    Optional<Dc09Cipher> keyFor(String receiver, String line, String account);

    static Dc09Keys none() {
        return (receiver, line, account) -> Optional.empty();
    }
}
