-- A worker's danger alarms (panic, code word), kept for a while after they arrive, because a visit
-- of the same worker may reach this service after its alarm: VisitStarted travels on pac.visits and
-- AlarmRaised on pac.alarms, and Kafka orders one topic's partition, not two topics (ADR 0009).
-- A visit that starts applies every recent, unhandled signal of its worker. handled_at is set when
-- an operator resolves the alarm's incident, so a resolved false alarm never escalates a later visit.
CREATE TABLE danger_signal (
    alarm_id     UUID         PRIMARY KEY,
    tenant_id    TEXT         NOT NULL,
    worker_id    TEXT         NOT NULL,
    alarm_type   TEXT         NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    handled_at   TIMESTAMPTZ
);

CREATE INDEX danger_signal_by_worker ON danger_signal (tenant_id, worker_id, occurred_at);
CREATE INDEX danger_signal_by_receipt ON danger_signal (received_at);
