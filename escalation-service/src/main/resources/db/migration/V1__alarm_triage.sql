-- What escalation-service decided about each alarm it consumed. Panic and code-word alarms go
-- straight to the top of the chain (dispatch), so they start no overdue timer.
CREATE TABLE alarm_triage (
    alarm_id     UUID         PRIMARY KEY,
    tenant_id    TEXT         NOT NULL,
    worker_id    TEXT         NOT NULL,
    alarm_type   TEXT         NOT NULL,
    decision     TEXT         NOT NULL,
    reason       TEXT         NOT NULL,
    triaged_at   TIMESTAMPTZ  NOT NULL
);
