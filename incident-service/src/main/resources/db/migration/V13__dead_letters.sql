-- Every record a PAC consumer parked on pac.dead-letters (issue 13: dead letters are watched), kept
-- so an operator can see what failed and, after a fix, re-drive it to its source topic once. Texts are
-- stored made printable; key, value and headers as the bytes they were, so a re-drive is exact.
CREATE TABLE dead_letter (
    dead_letter_id        UUID         PRIMARY KEY,
    -- The record's tenant (its ce_tenantid, if a valid id), else the centre's own: pac-centre.
    tenant_id             TEXT         NOT NULL,
    -- Where the consumer read it (SmallRye's dead-letter-topic/-partition/-offset); unknown without them.
    source_topic          TEXT         NOT NULL,
    source_partition      INTEGER,
    source_offset         BIGINT,
    service               TEXT         NOT NULL,
    event_id              TEXT,
    event_type            TEXT,
    record_key            BYTEA,
    record_value          BYTEA,
    reason                TEXT         NOT NULL,
    cause                 TEXT,
    dead_lettered_at      TIMESTAMPTZ  NOT NULL,
    -- Its own place on pac.dead-letters.
    dead_letter_partition INTEGER      NOT NULL,
    dead_letter_offset    BIGINT       NOT NULL,
    received_at           TIMESTAMPTZ  NOT NULL,
    -- The technical incident it was raised on.
    incident_id           UUID         REFERENCES incident (incident_id),
    redriven_at           TIMESTAMPTZ,
    redriven_by           TEXT,
    CHECK ((redriven_at IS NULL) = (redriven_by IS NULL))
);

CREATE INDEX dead_letter_tenant_newest ON dead_letter (tenant_id, dead_lettered_at DESC);

-- The record's headers in their order, as bytes: CloudEvent attributes and SmallRye's dead-letter-*.
CREATE TABLE dead_letter_header (
    dead_letter_id  UUID     NOT NULL REFERENCES dead_letter (dead_letter_id),
    position        INTEGER  NOT NULL,
    name            BYTEA    NOT NULL,
    value           BYTEA,
    PRIMARY KEY (dead_letter_id, position)
);
