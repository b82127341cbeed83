-- The directory: who is in a tenant's team, in which role, and how to reach them. Contact details
-- live only here; other services learn ids, roles and display names from pac.directory.
CREATE TABLE team (
    tenant_id   TEXT         NOT NULL,
    team_id     TEXT         NOT NULL,
    name        TEXT         NOT NULL,
    version     INT          NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    updated_by  TEXT         NOT NULL,
    PRIMARY KEY (tenant_id, team_id)
);

CREATE TABLE team_member (
    tenant_id     TEXT  NOT NULL,
    team_id       TEXT  NOT NULL,
    person_id     TEXT  NOT NULL,
    display_name  TEXT  NOT NULL,
    role          TEXT  NOT NULL CHECK (role IN ('WORKER', 'MANAGER', 'BACKUP')),
    position      INT   NOT NULL,
    -- 1 for the manager asked first, 2 next...; null for non-managers. Same for backups.
    manager_rank  INT,
    backup_rank   INT,
    PRIMARY KEY (tenant_id, team_id, person_id),
    FOREIGN KEY (tenant_id, team_id) REFERENCES team ON DELETE CASCADE
);

CREATE TABLE contact_point (
    tenant_id   TEXT  NOT NULL,
    team_id     TEXT  NOT NULL,
    person_id   TEXT  NOT NULL,
    preference  INT   NOT NULL,
    kind        TEXT  NOT NULL CHECK (kind IN ('PHONE', 'PUSH', 'EMAIL')),
    value       TEXT  NOT NULL,
    PRIMARY KEY (tenant_id, team_id, person_id, preference),
    FOREIGN KEY (tenant_id, team_id, person_id) REFERENCES team_member ON DELETE CASCADE
);

-- A device raises alarms for one worker of one team; two teams cannot claim the same device.
CREATE TABLE device_binding (
    tenant_id  TEXT  NOT NULL,
    device_id  TEXT  NOT NULL,
    team_id    TEXT  NOT NULL,
    person_id  TEXT  NOT NULL,
    PRIMARY KEY (tenant_id, device_id),
    FOREIGN KEY (tenant_id, team_id, person_id) REFERENCES team_member ON DELETE CASCADE
);
