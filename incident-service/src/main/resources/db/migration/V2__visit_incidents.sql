-- An incident has one cause: an alarm, or a visit whose escalation chain started. A visit's incident
-- collects its whole chain (overdue, each step, the clearing) and the actions people took on it.
ALTER TABLE incident ALTER COLUMN alarm_id DROP NOT NULL;
ALTER TABLE incident ADD COLUMN visit_id UUID UNIQUE;
ALTER TABLE incident ADD CONSTRAINT incident_has_one_cause CHECK ((alarm_id IS NULL) <> (visit_id IS NULL));
ALTER TABLE incident ADD COLUMN resolved_at TIMESTAMPTZ;
