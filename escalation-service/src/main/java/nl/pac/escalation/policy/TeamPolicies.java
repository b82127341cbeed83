package nl.pac.escalation.policy;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.escalation.chain.EscalationConfig;

import java.sql.Connection;
import java.sql.SQLException;

/** Which policy a team's visit runs: the team's newest stored version, else the built-in default. */
@ApplicationScoped
public class TeamPolicies {

    private final EscalationPolicy builtIn;

    public TeamPolicies(EscalationConfig config) {
        EscalationConfig.DefaultPolicy p = config.defaultPolicy();
        this.builtIn = new EscalationPolicy(p.grace(), p.contactWorkerTimeout(), p.managerDecisionTimeout(),
                p.noDecisionMeansPolice(), p.riskCheckInAfter());
    }

    /** The policy in force now for {@code teamId} (null: a visit without a team gets the built-in default). */
    public StoredPolicy inForce(Connection c, String tenantId, String teamId) throws SQLException {
        if (teamId == null) {
            return StoredPolicy.builtIn(tenantId, null, builtIn);
        }
        return PolicyStore.current(c, tenantId, teamId).orElseGet(() -> StoredPolicy.builtIn(tenantId, teamId, builtIn));
    }
}
