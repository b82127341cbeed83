package nl.pac.security;

/**
 * The roles a PAC token (or vendor key) carries. Endpoints name them in {@code @RolesAllowed}; an
 * endpoint that names none is refused to everyone (deny by default).
 */
public final class Roles {

    /** PAC's own alarm operators; act for the tenants their token explicitly grants. */
    public static final String OPERATOR = "operator";
    /** A municipality's administrator: teams, policies. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** A team manager: decides in an escalation, reads the team's incidents. */
    public static final String MANAGER = "manager";
    /** A lone worker: raises alarms and runs visits, only as themself. */
    public static final String WORKER = "worker";
    /** Reads everything of their tenant; writes nothing but a legal hold on evidence. */
    public static final String AUDITOR = "auditor";
    /** A device vendor, authenticated by API key, not by token. */
    public static final String VENDOR = "vendor";

    private Roles() {
    }
}
