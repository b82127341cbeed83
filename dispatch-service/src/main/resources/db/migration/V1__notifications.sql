-- Every notification dispatch-service handed to a responder. Contact details are not here: the
-- directory (its own tables, a later migration) resolves responder ids to channels.
CREATE TABLE notification (
    notification_id  UUID         PRIMARY KEY,
    alarm_id         UUID         NOT NULL,
    tenant_id        TEXT         NOT NULL,
    worker_id        TEXT         NOT NULL,
    responder_id     TEXT         NOT NULL,
    responder_kind   TEXT         NOT NULL,
    channel          TEXT         NOT NULL,
    notified_at      TIMESTAMPTZ  NOT NULL,
    UNIQUE (alarm_id, responder_id)
);

CREATE INDEX notification_tenant_alarm ON notification (tenant_id, alarm_id);
