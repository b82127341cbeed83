package nl.pac.incident.integrity;

/**
 * The datasource replays and exports read from: the same database as the service's own, through a
 * small pool of its own ({@code quarkus.datasource."replay".*} in application.properties), so an
 * auditor's long stream never takes a connection the operators' queue or the consumers need.
 */
final class ReplayPool {

    /** Its name, for {@code @io.quarkus.agroal.DataSource(ReplayPool.NAME)}. */
    static final String NAME = "replay";

    private ReplayPool() {
    }
}
