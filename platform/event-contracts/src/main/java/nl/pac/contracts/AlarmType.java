package nl.pac.contracts;

/** What kind of alarm a device or app raised. */
public enum AlarmType {
    /** The worker pressed the panic button (alarmknop / persoonsalarm). */
    PANIC,
    /** The worker said the agreed code word on a call: a silent danger signal. */
    CODE_WORD,
    /** The device detected a fall or no movement. */
    MAN_DOWN,
    /** The device reports a fault (battery, no signal); no danger signalled by the worker. */
    TECHNICAL;

    /** A worker-signalled danger skips the escalation chain straight to its top. */
    public boolean signalsDanger() {
        return this == PANIC || this == CODE_WORD || this == MAN_DOWN;
    }
}
