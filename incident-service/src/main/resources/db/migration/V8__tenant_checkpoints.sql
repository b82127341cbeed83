-- Per-tenant checkpoints across incidents (issue 6). An incident's own chain cannot show that its
-- last entries were cut off; a checkpoint records, every few minutes, the head (seq, hash) of each of
-- the tenant's incidents that grew, and chains the checkpoints per tenant, so both a cut and a
-- rewritten checkpoint are found. head_seq is kept by the append statement itself under the incident's
-- row lock; the checkpoint job locks the same rows, so no entry committed late can slip past it.
ALTER TABLE incident ADD COLUMN head_seq INT NOT NULL DEFAULT 0;
ALTER TABLE incident ADD COLUMN checkpointed_seq INT NOT NULL DEFAULT 0;
UPDATE incident i SET head_seq = COALESCE((SELECT max(t.seq) FROM timeline_entry t WHERE t.incident_id = i.incident_id), 0);
CREATE INDEX incident_not_checkpointed ON incident (tenant_id) WHERE head_seq > checkpointed_seq;

CREATE TABLE tenant_checkpoint (
    tenant_id        TEXT         NOT NULL,
    seq              INT          NOT NULL,
    taken_at         TIMESTAMPTZ  NOT NULL,
    incidents        INT          NOT NULL,
    heads_hash       BYTEA        NOT NULL,
    prev_hash        BYTEA        NOT NULL,
    checkpoint_hash  BYTEA        NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

CREATE TABLE checkpoint_head (
    tenant_id       TEXT   NOT NULL,
    checkpoint_seq  INT    NOT NULL,
    incident_id     UUID   NOT NULL,
    seq             INT    NOT NULL,
    entry_hash      BYTEA  NOT NULL,
    PRIMARY KEY (tenant_id, checkpoint_seq, incident_id),
    FOREIGN KEY (tenant_id, checkpoint_seq) REFERENCES tenant_checkpoint (tenant_id, seq)
);
CREATE INDEX checkpoint_head_incident ON checkpoint_head (incident_id, checkpoint_seq DESC);

CREATE FUNCTION checkpoint_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'checkpoints are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER tenant_checkpoint_append_only BEFORE UPDATE OR DELETE ON tenant_checkpoint
    FOR EACH ROW EXECUTE FUNCTION checkpoint_is_append_only();
CREATE TRIGGER tenant_checkpoint_no_truncate BEFORE TRUNCATE ON tenant_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION checkpoint_is_append_only();
CREATE TRIGGER checkpoint_head_append_only BEFORE UPDATE OR DELETE ON checkpoint_head
    FOR EACH ROW EXECUTE FUNCTION checkpoint_is_append_only();
CREATE TRIGGER checkpoint_head_no_truncate BEFORE TRUNCATE ON checkpoint_head
    FOR EACH STATEMENT EXECUTE FUNCTION checkpoint_is_append_only();
