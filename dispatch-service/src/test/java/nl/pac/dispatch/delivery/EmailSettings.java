package nl.pac.dispatch.delivery;

import java.util.Optional;

/** E-mail settings as a test states them, without booting the service. */
record EmailSettings(String host, int port, ChannelsConfig.StartTls startTls, Optional<String> username, Optional<String> password)
        implements ChannelsConfig.Email {

    /** Plain SMTP to a loopback stand-in, no credentials: what the local run and the tests configure. */
    static EmailSettings standIn(int port) {
        return new EmailSettings("127.0.0.1", port, ChannelsConfig.StartTls.DISABLED, Optional.empty(), Optional.empty());
    }

    @Override
    public Optional<String> smtpHost() {
        return Optional.of(host);
    }

    @Override
    public int smtpPort() {
        return port;
    }

    @Override
    public boolean implicitTls() {
        return false;
    }

    @Override
    public String from() {
        return "alarms@pac.invalid";
    }
}
