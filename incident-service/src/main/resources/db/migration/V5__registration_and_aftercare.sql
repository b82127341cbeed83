-- Registration of a resolved incident (seed 003): each report is a new version, none is overwritten;
-- its follow-ups are the manager's aftercare, each done once.
CREATE TABLE incident_report (
    incident_id          UUID         NOT NULL REFERENCES incident (incident_id),
    version              INT          NOT NULL,
    tenant_id            TEXT         NOT NULL,
    aggression           TEXT[]       NOT NULL,
    injured              BOOLEAN      NOT NULL,
    injury_description   TEXT,
    police_report_filed  BOOLEAN      NOT NULL,
    sanction             TEXT         NOT NULL CHECK (sanction IN ('NONE', 'WARNING', 'CONVERSATION', 'BAN', 'POLICE_REPORT')),
    description          TEXT,
    reported_by          TEXT         NOT NULL,
    reported_at          TIMESTAMPTZ  NOT NULL,
    redacted_at          TIMESTAMPTZ,
    PRIMARY KEY (incident_id, version)
);

CREATE TABLE aftercare (
    aftercare_id     UUID         PRIMARY KEY,
    tenant_id        TEXT         NOT NULL,
    incident_id      UUID         NOT NULL REFERENCES incident (incident_id),
    report_version   INT          NOT NULL,
    task             TEXT,           -- free text, redacted with retention
    due_on           DATE         NOT NULL,
    assignee         TEXT         NOT NULL,
    created_by       TEXT         NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    completed_at     TIMESTAMPTZ,
    completed_by     TEXT,
    completion_note  TEXT,
    redacted_at      TIMESTAMPTZ
);

CREATE INDEX aftercare_open_by_due ON aftercare (tenant_id, due_on) WHERE completed_at IS NULL;
CREATE INDEX aftercare_incident ON aftercare (incident_id);
