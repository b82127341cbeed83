-- Rosters, tenant settings and the routing state of dispatch-service (issue 5).

-- A member's weekly duty periods in the tenant's time zone; none: always on duty.
CREATE TABLE duty_period (
    tenant_id  TEXT  NOT NULL,
    team_id    TEXT  NOT NULL,
    person_id  TEXT  NOT NULL,
    seq        INT   NOT NULL,
    days       TEXT  NOT NULL,   -- e.g. 'MONDAY,TUESDAY'
    starts     TIME  NOT NULL,
    ends       TIME  NOT NULL,   -- not after starts: the period runs past midnight
    PRIMARY KEY (tenant_id, team_id, person_id, seq),
    FOREIGN KEY (tenant_id, team_id, person_id) REFERENCES team_member ON DELETE CASCADE
);

ALTER TABLE contact_point DROP CONSTRAINT contact_point_kind_check;
ALTER TABLE contact_point ADD CONSTRAINT contact_point_kind_check CHECK (kind IN ('PHONE', 'PUSH', 'EMAIL', 'WEBHOOK'));

CREATE TABLE tenant_settings (
    tenant_id      TEXT         PRIMARY KEY,
    name           TEXT         NOT NULL,
    time_zone      TEXT         NOT NULL,
    police_name    TEXT,
    police_phone   TEXT,
    -- seconds a wave of notifications waits for an answer before routing moves on, per trigger kind
    timeouts       JSONB        NOT NULL,
    resends        INT          NOT NULL,
    version        INT          NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    updated_by     TEXT         NOT NULL
);

-- What dispatch needs to know of a running visit: its team and, for the police, its address.
-- Personal data: removed with the visit's retention (see README).
CREATE TABLE visit (
    visit_id       UUID         PRIMARY KEY,
    tenant_id      TEXT         NOT NULL,
    worker_id      TEXT         NOT NULL,
    team_id        TEXT,
    address        TEXT         NOT NULL,
    registered_at  TIMESTAMPTZ  NOT NULL
);

-- One routing of one alarm or one escalation step: the planned waves of responders and where it is.
CREATE TABLE dispatch (
    dispatch_id    UUID         PRIMARY KEY,
    tenant_id      TEXT         NOT NULL,
    worker_id      TEXT         NOT NULL,
    team_id        TEXT,
    alarm_id       UUID,
    visit_id       UUID,
    step           TEXT,
    trigger        TEXT         NOT NULL,   -- alarm type or step, for messages
    plan           JSONB        NOT NULL,   -- waves: [[{id, kind, name}], ...]
    wave           INT          NOT NULL,
    wave_timeout_s INT          NOT NULL,
    wave_deadline  TIMESTAMPTZ,
    resends_left   INT          NOT NULL,
    state          TEXT         NOT NULL CHECK (state IN ('OPEN', 'IN_HAND', 'EXHAUSTED')),
    in_hand_by     TEXT,
    message        TEXT         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    UNIQUE (alarm_id)
);
CREATE INDEX dispatch_open_deadline ON dispatch (wave_deadline) WHERE state = 'OPEN';

ALTER TABLE notification ALTER COLUMN alarm_id DROP NOT NULL;
ALTER TABLE notification DROP CONSTRAINT notification_alarm_id_responder_id_key;
ALTER TABLE notification ADD COLUMN dispatch_id UUID REFERENCES dispatch;
ALTER TABLE notification ADD COLUMN visit_id UUID;
ALTER TABLE notification ADD COLUMN step TEXT;
ALTER TABLE notification ADD COLUMN wave INT NOT NULL DEFAULT 0;
ALTER TABLE notification ADD COLUMN delivery_state TEXT NOT NULL DEFAULT 'PENDING'
    CHECK (delivery_state IN ('PENDING', 'DELIVERED', 'UNREACHABLE'));
ALTER TABLE notification ADD COLUMN response TEXT;
ALTER TABLE notification ADD COLUMN responded_at TIMESTAMPTZ;
ALTER TABLE notification ADD COLUMN responded_by TEXT;
ALTER TABLE notification ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE notification ADD CONSTRAINT notification_dispatch_responder UNIQUE (dispatch_id, responder_id);
CREATE INDEX notification_visit ON notification (tenant_id, visit_id);

-- The next delivery attempt of each notification still being delivered. A sender leases a row while
-- it talks to the channel; a crashed sender's lease runs out and the attempt is made again.
CREATE TABLE delivery_queue (
    notification_id   UUID         PRIMARY KEY REFERENCES notification,
    due_at            TIMESTAMPTZ  NOT NULL,
    attempt           INT          NOT NULL,   -- number of the next attempt, from 1
    contact_index     INT          NOT NULL,   -- which contact point, in the responder's order of preference
    tries_on_contact  INT          NOT NULL,
    call_instead      BOOLEAN      NOT NULL,   -- a re-send: phone numbers are called, not texted
    lease_until       TIMESTAMPTZ
);
CREATE INDEX delivery_queue_due ON delivery_queue (due_at);

-- Signed acknowledgement links are single-use: a used link's id is kept here.
CREATE TABLE ack_link_use (
    link_id   UUID         PRIMARY KEY,
    used_at   TIMESTAMPTZ  NOT NULL
);
