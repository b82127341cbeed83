package nl.pac.contracts;

/** What kind of alarm a device, an app or PAC's own device supervision raised. */
public enum AlarmType {
    /** The worker pressed the panic button (alarmknop / persoonsalarm). */
    PANIC,
    /** The worker said the agreed code word on a call: a silent danger signal. */
    CODE_WORD,
    /** The device detected a fall or no movement (devices that do not tell the two apart). */
    MAN_DOWN,
    /** The device reports a fault (no signal, tamper); no danger signalled by the worker. */
    TECHNICAL,
    /** The device detected a fall. */
    FALL,
    /** The device detected no movement for its set time. */
    NO_MOTION,
    /**
     * The worker signalled duress: a duress PIN, "not OK" to a welfare check, a device's duress or
     * hold-up code. Silent, like the code word: whoever forces the worker must not see that help comes.
     */
    DURESS,
    /** The device's battery is low: the worker may soon be without a working alarm button. */
    LOW_BATTERY,
    /** A device missed its supervision interval: raised by PAC's supervision, never by a device. */
    DEVICE_OFFLINE,
    /**
     * A device missed its supervision interval while its worker was on a visit: their alarm button no
     * longer works where they may need it, so this is a danger alarm. Raised by PAC's supervision.
     */
    DEVICE_OFFLINE_ON_VISIT,
    /** A device that was offline reports again: the restore of {@link #DEVICE_OFFLINE}, raised by PAC. */
    DEVICE_ONLINE;

    /** A worker-signalled (or device-detected) danger skips the escalation chain straight to its top. */
    public boolean signalsDanger() {
        return this == PANIC || this == CODE_WORD || this == MAN_DOWN || this == FALL || this == NO_MOTION || this == DURESS
                || this == DEVICE_OFFLINE_ON_VISIT;
    }

    /** Nothing about it may be sent to the worker's own device or phone: someone there may be watching. */
    public boolean silent() {
        return this == CODE_WORD || this == DURESS;
    }

    /** Raised by PAC itself from device supervision; a device or app that sends one is refused. */
    public boolean raisedByPac() {
        return this == DEVICE_OFFLINE || this == DEVICE_OFFLINE_ON_VISIT || this == DEVICE_ONLINE;
    }
}
