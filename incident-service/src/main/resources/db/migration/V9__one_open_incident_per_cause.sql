-- One open incident per worker and cause (issue 6): a worker who presses the panic button three
-- times is one emergency, not three queue lines. Each alarm maps to the incident it joined; the
-- incident's alarm_id stays the alarm that opened it.
CREATE TABLE incident_alarm (
    alarm_id     UUID  PRIMARY KEY,
    incident_id  UUID  NOT NULL REFERENCES incident (incident_id),
    tenant_id    TEXT  NOT NULL
);
INSERT INTO incident_alarm (alarm_id, incident_id, tenant_id)
    SELECT alarm_id, incident_id, tenant_id FROM incident WHERE alarm_id IS NOT NULL;
CREATE INDEX incident_open_by_cause ON incident (tenant_id, worker_id, alarm_type) WHERE status = 'OPEN' AND alarm_id IS NOT NULL;
