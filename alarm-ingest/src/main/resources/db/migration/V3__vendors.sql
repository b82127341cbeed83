-- Device vendors that may post alarms and visits, the tenants that contracted each, and their API
-- keys. A key is stored only as a salted SHA-256 of its secret; the secret is shown once, at issue.
CREATE TABLE vendor (
    vendor_id            TEXT         PRIMARY KEY,
    name                 TEXT         NOT NULL,
    requests_per_second  INT          NOT NULL CHECK (requests_per_second BETWEEN 1 AND 10000),
    created_at           TIMESTAMPTZ  NOT NULL
);

CREATE TABLE vendor_tenant (
    vendor_id  TEXT  NOT NULL REFERENCES vendor,
    tenant_id  TEXT  NOT NULL,
    PRIMARY KEY (vendor_id, tenant_id)
);

CREATE TABLE vendor_key (
    key_id       TEXT         PRIMARY KEY,
    vendor_id    TEXT         NOT NULL REFERENCES vendor,
    salt         BYTEA        NOT NULL,
    secret_hash  BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    created_by   TEXT         NOT NULL,
    revoked_at   TIMESTAMPTZ,
    revoked_by   TEXT
);

CREATE INDEX vendor_key_active ON vendor_key (vendor_id) WHERE revoked_at IS NULL;
