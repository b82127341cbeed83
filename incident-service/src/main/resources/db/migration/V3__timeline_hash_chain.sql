-- Tamper evidence (issue 6): each entry hashes its content and the previous entry's hash, per
-- incident. Summary and details, the parts retention will redact, are hashed separately, so the
-- chain stays verifiable after they are blanked. Computed by the database at insert (see
-- IncidentStore.appendEntry) from the same canonical text the verifier reads back.
-- Entries written before this migration carry no hashes; verification reports them as unchained.
ALTER TABLE timeline_entry ADD COLUMN seq INT;
ALTER TABLE timeline_entry ADD COLUMN summary_hash BYTEA;
ALTER TABLE timeline_entry ADD COLUMN details_hash BYTEA;
ALTER TABLE timeline_entry ADD COLUMN prev_hash BYTEA;
ALTER TABLE timeline_entry ADD COLUMN entry_hash BYTEA;
CREATE UNIQUE INDEX timeline_entry_incident_seq ON timeline_entry (incident_id, seq);
