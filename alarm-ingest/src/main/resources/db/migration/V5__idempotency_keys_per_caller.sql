-- Issue 14: an Idempotency-Key is the sender's, not the tenant's. Keyed by tenant alone, one caller's key
-- (a vendor's, a worker's app's) answered another caller's different alarm with a 422, and it was not
-- raised. caller_key is the caller's kind and id (Caller.key(): vendor:<id>, person:<subject>).
ALTER TABLE idempotency_key ADD COLUMN caller_key TEXT;
-- Rows from before this migration cannot say who sent them. A retry across the upgrade under their key is
-- then a new command (raised again, consumers see a second alarm) rather than a refusal; they go with the
-- retention sweep (pac.ingest.idempotency.retention).
UPDATE idempotency_key SET caller_key = 'unknown:before-v5';
ALTER TABLE idempotency_key ALTER COLUMN caller_key SET NOT NULL;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD PRIMARY KEY (tenant_id, caller_key, idem_key);
