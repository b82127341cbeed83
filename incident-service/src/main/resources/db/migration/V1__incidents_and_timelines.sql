-- An incident per alarm (one open incident per worker and cause comes with the incident issue).
CREATE TABLE incident (
    incident_id          UUID              PRIMARY KEY,
    tenant_id            TEXT              NOT NULL,
    worker_id            TEXT              NOT NULL,
    alarm_id             UUID              NOT NULL UNIQUE,
    alarm_type           TEXT,
    status               TEXT              NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RESOLVED')),
    opened_at            TIMESTAMPTZ       NOT NULL,
    latitude             DOUBLE PRECISION,
    longitude            DOUBLE PRECISION,
    location_accuracy_m  DOUBLE PRECISION
);

CREATE INDEX incident_tenant_status_opened ON incident (tenant_id, status, opened_at DESC);

-- What happened, in order. Entries are facts: the table refuses to change or lose one.
CREATE TABLE timeline_entry (
    entry_id     BIGSERIAL    PRIMARY KEY,
    incident_id  UUID         NOT NULL REFERENCES incident (incident_id),
    event_id     UUID         NOT NULL,
    event_type   TEXT         NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    summary      TEXT         NOT NULL,
    details      JSONB        NOT NULL,
    UNIQUE (incident_id, event_id)
);

CREATE INDEX timeline_entry_incident_order ON timeline_entry (incident_id, occurred_at, entry_id);

CREATE FUNCTION timeline_entry_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'timeline entries are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER timeline_entry_append_only
    BEFORE UPDATE OR DELETE ON timeline_entry
    FOR EACH ROW EXECUTE FUNCTION timeline_entry_is_append_only();

CREATE TRIGGER timeline_entry_no_truncate
    BEFORE TRUNCATE ON timeline_entry
    FOR EACH STATEMENT EXECUTE FUNCTION timeline_entry_is_append_only();
