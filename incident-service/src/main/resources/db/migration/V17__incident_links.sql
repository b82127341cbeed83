-- Related incidents (issue 15): a panic during a visit made two unlinked queue items, the alarm's and
-- the visit's escalation, and the visit's "request police" incident did not name the alarm. Each
-- incident now lists the tenant's other incidents of the same worker that overlap it in time, or that
-- caused it or that it caused (an event of one names the other: the visit's escalation step names the
-- alarm raised during the visit). One row per direction, so an incident's links are one index read;
-- a link is written once (replays of the same events add nothing) and its reason only ever becomes
-- more specific (SAME_WORKER_OVERLAPPING -> CAUSED_BY / CAUSED), never less.
CREATE TABLE incident_link (
    tenant_id            TEXT         NOT NULL,
    incident_id          UUID         NOT NULL REFERENCES incident (incident_id),
    related_incident_id  UUID         NOT NULL REFERENCES incident (incident_id),
    reason               TEXT         NOT NULL CHECK (reason IN ('SAME_WORKER_OVERLAPPING', 'CAUSED_BY', 'CAUSED')),
    linked_at            TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (incident_id, related_incident_id),
    CHECK (incident_id <> related_incident_id)
);

-- The alarms an incident's events name as their cause (EscalationStepStarted.alarmId), kept even
-- while the alarm's own incident is not known yet: events of one worker arrive over different topics
-- in any order, so the alarm may be read after the visit's step that names it.
CREATE TABLE incident_alarm_reference (
    incident_id  UUID  NOT NULL REFERENCES incident (incident_id),
    alarm_id     UUID  NOT NULL,
    tenant_id    TEXT  NOT NULL,
    PRIMARY KEY (incident_id, alarm_id)
);
CREATE INDEX incident_alarm_reference_by_alarm ON incident_alarm_reference (alarm_id);

-- A worker's incidents, for finding the ones that overlap a new one.
CREATE INDEX incident_by_worker ON incident (tenant_id, worker_id, opened_at DESC);

-- The live feed carries each incident's related incidents as the change's transaction left them, so a
-- console shows both rows linked as soon as the link's entries are committed. Identities and states
-- only, as the rest of queue_change.
ALTER TABLE queue_change ADD COLUMN related JSONB;

CREATE OR REPLACE FUNCTION queue_change_at_commit() RETURNS trigger AS $$
DECLARE
    i incident%ROWTYPE;
    taken BIGINT;
    rel JSONB;
BEGIN
    SELECT * INTO i FROM incident WHERE incident_id = NEW.incident_id;
    SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
               'incidentId', o.incident_id,
               'kind', CASE WHEN o.visit_id IS NOT NULL THEN 'VISIT' ELSE 'ALARM' END,
               'alarmType', o.alarm_type,
               'alarmId', o.alarm_id,
               'visitId', o.visit_id,
               'reason', l.reason,
               'status', o.status)) ORDER BY o.opened_at, o.incident_id)
        INTO rel
        FROM incident_link l JOIN incident o ON o.incident_id = l.related_incident_id
        WHERE l.incident_id = i.incident_id AND o.tenant_id = i.tenant_id;
    INSERT INTO queue_feed_head AS h (tenant_id, position) VALUES (i.tenant_id, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET position = h.position + 1
        RETURNING h.position INTO taken;
    INSERT INTO queue_change (tenant_id, position, incident_id, alarm_id, visit_id, worker_id, alarm_type, status, owner,
                              event_type, recorded_at, related)
        VALUES (i.tenant_id, taken, i.incident_id, i.alarm_id, i.visit_id, i.worker_id, i.alarm_type, i.status, i.owner,
                NEW.event_type, clock_timestamp(), rel);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
