-- Shared by every service that emits events from a state change or consumes events.
-- Runs in the service's own schema (Flyway default-schema), before the service's own migrations.

-- Events committed with the state change that produced them; the relay publishes them in id order
-- and deletes them once Kafka acknowledged.
CREATE TABLE outbox_event (
    id          BIGSERIAL    PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       TEXT         NOT NULL,
    record_key  TEXT         NOT NULL,
    ce_type     TEXT         NOT NULL,
    ce_source   TEXT         NOT NULL,
    ce_time     TIMESTAMPTZ  NOT NULL,
    ce_subject  TEXT,
    tenant_id   TEXT         NOT NULL,
    data        BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The consumer's memory of what it already handled: redelivery of an event id is a no-op.
CREATE TABLE processed_event (
    consumer      TEXT         NOT NULL,
    event_id      UUID         NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
