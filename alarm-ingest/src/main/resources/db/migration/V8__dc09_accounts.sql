-- Issue 17: the SIA DC-09 account of a registered device. A transmitter names itself by line and
-- account only, so (line, account) is unique across all tenants: it is how the receiver finds the
-- device, and through it the tenant and the bound worker. Deregistering the device deletes it.
CREATE TABLE dc09_account (
    line        TEXT         NOT NULL CHECK (line ~ '^[0-9A-F]{1,6}$'),
    account     TEXT         NOT NULL CHECK (account ~ '^[0-9A-F]{3,16}$'),
    vendor_id   TEXT         NOT NULL,
    device_id   TEXT         NOT NULL,
    bound_at    TIMESTAMPTZ  NOT NULL,
    bound_by    TEXT         NOT NULL,
    PRIMARY KEY (line, account),
    UNIQUE (vendor_id, device_id),
    FOREIGN KEY (vendor_id, device_id) REFERENCES device ON DELETE CASCADE
);
