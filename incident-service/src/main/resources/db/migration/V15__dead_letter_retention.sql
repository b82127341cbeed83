-- Dead letters are kept for pac.dead-letters.retention (default 90 days) after they were received, then
-- deleted once their technical incident is resolved (DeadLetterRetention); the sweep reads them by age.
CREATE INDEX dead_letter_by_age ON dead_letter (received_at);
