package nl.pac.contracts;

/**
 * The Kafka topics PAC services speak through. Partition counts and compaction live here, once,
 * so the local launcher, the tests and the deploy manifests create the same topics.
 */
public enum Topic {
    ALARMS("pac.alarms", 6, false),
    VISITS("pac.visits", 6, false),
    ESCALATIONS("pac.escalations", 6, false),
    DISPATCH("pac.dispatch", 6, false),
    OPERATOR_ACTIONS("pac.operator-actions", 6, false),
    /** Directory facts keyed by entity id; compacted so a new consumer sees the latest state of each. */
    DIRECTORY("pac.directory", 6, true),
    /** Risk-address flags keyed {@code <tenantId>/<addressKey>}; compacted so ingest rebuilds the register from the start. */
    RISK_ADDRESSES("pac.risk-addresses", 6, true),
    /** Records a consumer could not process; they are parked here so the consumer keeps going. */
    DEAD_LETTERS("pac.dead-letters", 1, false);

    private final String topicName;
    private final int partitions;
    private final boolean compacted;

    Topic(String topicName, int partitions, boolean compacted) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.compacted = compacted;
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    public boolean compacted() {
        return compacted;
    }
}
