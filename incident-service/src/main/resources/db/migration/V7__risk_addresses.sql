-- The risk-address register (seed 003: colleagues should know about aggressive clients): addresses
-- flagged when an incident there was resolved. The flag itself travels on pac.risk-addresses by key only.
CREATE TABLE risk_address (
    tenant_id    TEXT         NOT NULL,
    address_key  TEXT         NOT NULL,
    address      TEXT         NOT NULL,
    reason       TEXT         NOT NULL,
    flagged      BOOLEAN      NOT NULL,
    incident_id  UUID         REFERENCES incident (incident_id),
    changed_by   TEXT         NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, address_key)
);
