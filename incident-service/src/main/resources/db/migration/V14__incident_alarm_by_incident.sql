-- An incident's alarm ids (the detail's and the list's alarmIds) are read by incident: without this
-- index every such read scans the whole mapping of every alarm ever raised.
CREATE INDEX incident_alarm_by_incident ON incident_alarm (incident_id);
