-- The tenants' risk-address register as pac.risk-addresses tells it: per address key, the latest
-- change. Keys only: the addresses themselves stay in incident-service.
CREATE TABLE risk_address (
    tenant_id    TEXT         NOT NULL,
    address_key  TEXT         NOT NULL,
    flagged      BOOLEAN      NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, address_key)
);
