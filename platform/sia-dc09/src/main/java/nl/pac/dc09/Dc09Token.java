package nl.pac.dc09;

import java.util.Optional;

/** The id tokens PAC speaks: what transmitters send, and what the receiver answers. */
public enum Dc09Token {
    /** SIA DC-03 event data (codes such as PA, HA, RP). */
    SIA_DCS("SIA-DCS"),
    /** Ademco Contact ID event data (qualifier, event, partition, zone). */
    ADM_CID("ADM-CID"),
    /** A link test: the transmitter proves the path works; it carries no event. */
    NULL("NULL"),
    ACK("ACK"),
    NAK("NAK"),
    /** "I do not understand": the receiver could read the frame but not process its content. */
    DUH("DUH");

    private final String wire;

    Dc09Token(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isEvent() {
        return this == SIA_DCS || this == ADM_CID || this == NULL;
    }

    static Optional<Dc09Token> ofWire(String text) {
        for (Dc09Token token : values()) {
            if (token.wire.equals(text)) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
