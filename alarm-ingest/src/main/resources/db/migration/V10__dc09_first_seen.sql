-- Issue 17: when the receiver first got a DC-09 message (by its derived Idempotency-Key). A message
-- without a believable time stamp happened when it first arrived; its retries must name the same
-- moment, or the retry is a different request under the same key (422) instead of the same alarm.
-- Kept as long as the Idempotency-Keys (pac.ingest.idempotency.retention).
CREATE TABLE dc09_first_seen (
    message_key  TEXT         PRIMARY KEY,
    first_seen   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX dc09_first_seen_by_time ON dc09_first_seen (first_seen);
