-- The operators' live feed (issue 13): every change to a tenant's incidents (every timeline entry)
-- gets the tenant's next feed position, the SSE event id, so a console that reconnects with the last
-- id it saw (Last-Event-ID) is sent what it missed, in order.
--
-- The position is taken at commit, by a deferred trigger, from the tenant's queue_feed_head row, whose
-- lock is then held only while the transaction commits. So positions follow commit order and have no
-- gaps: once position n is visible, every lower one is too, and a reader of "after n" can never miss
-- a change that commits later with a lower number (as it could with a sequence taken at insert).
-- The incident is read at commit as well, so the change carries the state the transaction left.
-- Only identities and states are kept (no location or free text): nothing here needs redaction.
-- Rows older than the replay window are pruned (QueueChangeLog); the heads stay.
CREATE TABLE queue_feed_head (
    tenant_id  TEXT    PRIMARY KEY,
    position   BIGINT  NOT NULL
);

CREATE TABLE queue_change (
    tenant_id    TEXT         NOT NULL,
    position     BIGINT       NOT NULL,
    incident_id  UUID         NOT NULL,
    alarm_id     UUID,
    visit_id     UUID,
    worker_id    TEXT         NOT NULL,
    alarm_type   TEXT,
    status       TEXT         NOT NULL,
    owner        TEXT,
    event_type   TEXT         NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, position)
);

CREATE INDEX queue_change_recorded ON queue_change (recorded_at);

CREATE FUNCTION queue_change_at_commit() RETURNS trigger AS $$
DECLARE
    i incident%ROWTYPE;
    taken BIGINT;
BEGIN
    SELECT * INTO i FROM incident WHERE incident_id = NEW.incident_id;
    INSERT INTO queue_feed_head AS h (tenant_id, position) VALUES (i.tenant_id, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET position = h.position + 1
        RETURNING h.position INTO taken;
    INSERT INTO queue_change (tenant_id, position, incident_id, alarm_id, visit_id, worker_id, alarm_type, status, owner,
                              event_type, recorded_at)
        VALUES (i.tenant_id, taken, i.incident_id, i.alarm_id, i.visit_id, i.worker_id, i.alarm_type, i.status, i.owner,
                NEW.event_type, clock_timestamp());
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER timeline_entry_queue_change
    AFTER INSERT ON timeline_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION queue_change_at_commit();
