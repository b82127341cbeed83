-- One row per (tenant, Idempotency-Key) a device sent. The alarm id is fixed when the key is first
-- seen, so a retry after a failed or unconfirmed publish sends the very same event again.
CREATE TABLE idempotency_key (
    tenant_id     TEXT         NOT NULL,
    idem_key      TEXT         NOT NULL,
    request_hash  TEXT         NOT NULL,
    alarm_id      UUID         NOT NULL UNIQUE,
    received_at   TIMESTAMPTZ  NOT NULL,
    published_at  TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, idem_key)
);

-- Keys are purged by age (retention job, see alarm-ingest/README.md); this index serves it.
CREATE INDEX idempotency_key_received_at ON idempotency_key (received_at);
