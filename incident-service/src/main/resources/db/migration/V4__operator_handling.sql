-- Operators work an incident: one of them owns it, and resolving it records how it ended (issue 6).
ALTER TABLE incident ADD COLUMN owner TEXT;
ALTER TABLE incident ADD COLUMN owner_since TIMESTAMPTZ;
ALTER TABLE incident ADD COLUMN outcome TEXT
    CHECK (outcome IN ('FALSE_ALARM', 'WORKER_SAFE', 'POLICE_ATTENDED', 'INJURED'));
ALTER TABLE incident ADD COLUMN resolved_by TEXT;
