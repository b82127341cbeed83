-- Retention (issue 6): once an incident has been resolved longer than its tenant's retention period,
-- its location and free text are redacted. Entries keep their hashes: summary and details are hashed
-- separately (V3), so the chain still verifies; the verifier skips the content check of a redacted entry.
ALTER TABLE timeline_entry ADD COLUMN redacted_at TIMESTAMPTZ;
ALTER TABLE incident ADD COLUMN redacted_at TIMESTAMPTZ;

CREATE TABLE retention_policy (
    tenant_id   TEXT         PRIMARY KEY,
    days        INT          NOT NULL CHECK (days BETWEEN 30 AND 3650),
    updated_by  TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX incident_due_for_redaction ON incident (resolved_at) WHERE status = 'RESOLVED' AND redacted_at IS NULL;

-- The one change an entry may undergo: redaction, once. It may only take content away (the new details
-- are contained in the old), replace the summary by the fixed redaction text, and must leave identity,
-- time, order and every hash as they were; anything else is still refused, as are DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION timeline_entry_is_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
           AND NEW.entry_id = OLD.entry_id AND NEW.incident_id = OLD.incident_id AND NEW.event_id = OLD.event_id
           AND NEW.event_type = OLD.event_type AND NEW.occurred_at = OLD.occurred_at AND NEW.recorded_at = OLD.recorded_at
           AND NEW.seq IS NOT DISTINCT FROM OLD.seq
           AND NEW.summary_hash IS NOT DISTINCT FROM OLD.summary_hash AND NEW.details_hash IS NOT DISTINCT FROM OLD.details_hash
           AND NEW.prev_hash IS NOT DISTINCT FROM OLD.prev_hash AND NEW.entry_hash IS NOT DISTINCT FROM OLD.entry_hash
           AND OLD.details @> NEW.details
           AND (NEW.summary = OLD.summary OR NEW.summary = 'Redacted after the retention period: ' || OLD.event_type) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'timeline entries are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
