-- An incident opened (or joined) because a consumer could not process an event that concerns a
-- person's safety: what failed and why. Such an incident sits at the top of the operators' queue
-- beside the danger alarms, whatever its alarm type (issue 13: no silent dead letter).
ALTER TABLE incident ADD COLUMN processing_fault TEXT;
