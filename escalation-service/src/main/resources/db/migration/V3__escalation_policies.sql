-- A team's escalation policy, versioned: a change adds a version, none is ever rewritten, so what
-- applied to any past visit can be shown. A visit keeps the policy it started under (visit_chain.policy).
CREATE TABLE escalation_policy (
    tenant_id   TEXT         NOT NULL,
    team_id     TEXT         NOT NULL,
    version     INT          NOT NULL CHECK (version >= 1),
    policy      JSONB        NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL,
    changed_by  TEXT         NOT NULL,
    PRIMARY KEY (tenant_id, team_id, version)
);

CREATE FUNCTION escalation_policy_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'escalation policy versions are history: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER escalation_policy_append_only
    BEFORE UPDATE OR DELETE ON escalation_policy
    FOR EACH ROW EXECUTE FUNCTION escalation_policy_is_append_only();

-- Which policy a chain runs: the team and its version (0 = the service's built-in default).
ALTER TABLE visit_chain ADD COLUMN team_id TEXT;
ALTER TABLE visit_chain ADD COLUMN policy_version INT NOT NULL DEFAULT 0;
