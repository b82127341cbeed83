-- Evidence a tenant-admin cannot erase (issue 14). Lowering the retention period made the next sweep
-- redact everything older at once, police-reported incidents included.

-- A legal hold, placed and lifted by an operator with a reason: while held, no sweep redacts the
-- incident. The current hold lives on the incident row; each placing and lifting is an entry on the
-- incident's timeline (LegalHoldPlaced, LegalHoldReleased), so its history is in the hash chain.
ALTER TABLE incident ADD COLUMN legal_hold_since TIMESTAMPTZ,
                     ADD COLUMN legal_hold_by TEXT,
                     ADD COLUMN legal_hold_reason TEXT,
                     ADD CONSTRAINT incident_legal_hold_whole
                         CHECK ((legal_hold_since IS NULL) = (legal_hold_by IS NULL) AND (legal_hold_since IS NULL) = (legal_hold_reason IS NULL));

-- A shortened period waits (pac.incident.retention.shortening-delay) as the tenant's pending change;
-- days is the period in effect, NULL while the tenant keeps the service default.
ALTER TABLE retention_policy ALTER COLUMN days DROP NOT NULL,
                             ALTER COLUMN updated_by DROP NOT NULL,
                             ALTER COLUMN updated_at DROP NOT NULL,
                             ADD COLUMN pending_days INT CHECK (pending_days BETWEEN 30 AND 3650),
                             ADD COLUMN pending_effective_from TIMESTAMPTZ,
                             ADD COLUMN pending_set_by TEXT,
                             ADD COLUMN pending_set_at TIMESTAMPTZ,
                             ADD CONSTRAINT retention_policy_pending_whole
                                 CHECK ((pending_days IS NULL) = (pending_effective_from IS NULL)
                                        AND (pending_days IS NULL) = (pending_set_by IS NULL)
                                        AND (pending_days IS NULL) = (pending_set_at IS NULL)),
                             ADD CONSTRAINT retention_policy_set_whole
                                 CHECK ((days IS NULL) = (updated_by IS NULL) AND (days IS NULL) = (updated_at IS NULL));

-- Every change of a tenant's retention period, as it was asked for: who, when, the period in effect
-- before (old_days; old_is_default when that was the service default), the new one and when it takes
-- effect, and the pending shortening it replaced, if any. Append-only.
CREATE TABLE retention_change (
    change_id                        BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id                        TEXT         NOT NULL,
    changed_by                       TEXT         NOT NULL,
    changed_at                       TIMESTAMPTZ  NOT NULL,
    old_days                         INT          NOT NULL,
    old_is_default                   BOOLEAN      NOT NULL,
    new_days                         INT          NOT NULL CHECK (new_days BETWEEN 30 AND 3650),
    effective_from                   TIMESTAMPTZ  NOT NULL,
    replaced_pending_days            INT,
    replaced_pending_effective_from  TIMESTAMPTZ
);
CREATE INDEX retention_change_of_tenant ON retention_change (tenant_id, change_id DESC);

CREATE FUNCTION retention_change_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'retention changes are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER retention_change_append_only BEFORE UPDATE OR DELETE ON retention_change
    FOR EACH ROW EXECUTE FUNCTION retention_change_is_append_only();
CREATE TRIGGER retention_change_no_truncate BEFORE TRUNCATE ON retention_change
    FOR EACH STATEMENT EXECUTE FUNCTION retention_change_is_append_only();
