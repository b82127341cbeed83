-- Issue 14: the device registry. A vendor key used to act for every worker of every contracting tenant;
-- now it raises alarms only for devices registered here, each bound to one tenant and one worker.
-- A device is the vendor's (its serial is unique per vendor) and registered to one tenant at a time.
-- supervision_interval_seconds is stored and shown, not yet acted on (issue 17 supervises devices by it;
-- the DC-09 account identifier will be a column of this row with a unique index, see ADR 0011).
CREATE TABLE device (
    vendor_id                     TEXT         NOT NULL REFERENCES vendor,
    device_id                     TEXT         NOT NULL,
    tenant_id                     TEXT         NOT NULL,
    worker_id                     TEXT         NOT NULL,
    supervision_interval_seconds  BIGINT       CHECK (supervision_interval_seconds BETWEEN 60 AND 604800),
    registered_at                 TIMESTAMPTZ  NOT NULL,
    registered_by                 TEXT         NOT NULL,
    changed_at                    TIMESTAMPTZ  NOT NULL,
    changed_by                    TEXT         NOT NULL,
    PRIMARY KEY (vendor_id, device_id)
);

-- A tenant's devices, paged in (vendor_id, device_id) order.
CREATE INDEX device_by_tenant ON device (tenant_id, vendor_id, device_id);

-- Optional keys of one device, stored like vendor_key (salted SHA-256 of the secret, shown once). A
-- device key acts only as its device; deregistering the device deletes its keys.
CREATE TABLE device_key (
    key_id       TEXT         PRIMARY KEY,
    vendor_id    TEXT         NOT NULL,
    device_id    TEXT         NOT NULL,
    salt         BYTEA        NOT NULL,
    secret_hash  BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    created_by   TEXT         NOT NULL,
    revoked_at   TIMESTAMPTZ,
    revoked_by   TEXT,
    FOREIGN KEY (vendor_id, device_id) REFERENCES device ON DELETE CASCADE
);

CREATE INDEX device_key_active ON device_key (vendor_id, device_id) WHERE revoked_at IS NULL;
