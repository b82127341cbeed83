-- Who read or changed what through this service's API, for auditors. Append-only like a timeline:
-- the application only inserts, and the database refuses anything else.
CREATE TABLE access_log (
    entry_id     BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           TIMESTAMPTZ  NOT NULL,
    actor_kind   TEXT,
    actor_id     TEXT,
    actor_name   TEXT,
    tenant_id    TEXT,
    action       TEXT         NOT NULL CHECK (action IN ('READ', 'WRITE')),
    method       TEXT         NOT NULL,
    resource     TEXT         NOT NULL,
    status       INT          NOT NULL
);

CREATE INDEX access_log_by_tenant ON access_log (tenant_id, at);

CREATE FUNCTION access_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();

CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only();
