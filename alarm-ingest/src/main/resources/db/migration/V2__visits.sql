-- Idempotency keys now stand for any accepted command (alarm, visit, check-in, check-out), not only alarms.
ALTER TABLE idempotency_key RENAME COLUMN alarm_id TO event_id;

-- The visits ingest accepted, so it can refuse a check-in for an unknown or finished visit. The
-- escalation chain's own view of a visit lives in escalation-service.
CREATE TABLE visit (
    visit_id      UUID         PRIMARY KEY,
    tenant_id     TEXT         NOT NULL,
    worker_id     TEXT         NOT NULL,
    status        TEXT         NOT NULL CHECK (status IN ('ACTIVE', 'CHECKED_OUT')),
    expected_end  TIMESTAMPTZ  NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX visit_active_by_worker ON visit (tenant_id, worker_id) WHERE status = 'ACTIVE';
