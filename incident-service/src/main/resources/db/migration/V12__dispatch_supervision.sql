-- Pipeline supervision (issue 13): every accepted alarm must see its first notification attempt
-- within a bound (BS 8484: 10 s). One row per alarm: when ingest accepted it, when dispatch first
-- attempted a notification for it, and when the supervisor flagged it as not dispatched. Either
-- event may arrive first (two topics), so both upsert.
CREATE TABLE alarm_dispatch_watch (
    alarm_id          UUID         PRIMARY KEY,
    tenant_id         TEXT,
    incident_id       UUID,
    accepted_at       TIMESTAMPTZ,
    -- When this service read the alarm: the bound runs from the later of the two, so a service that
    -- catches up after downtime does not flag every old alarm whose dispatch facts it has yet to read.
    seen_at           TIMESTAMPTZ,
    first_attempt_at  TIMESTAMPTZ,
    flagged_at        TIMESTAMPTZ
);

CREATE INDEX alarm_dispatch_watch_due ON alarm_dispatch_watch (GREATEST(accepted_at, seen_at))
    WHERE first_attempt_at IS NULL AND flagged_at IS NULL;
