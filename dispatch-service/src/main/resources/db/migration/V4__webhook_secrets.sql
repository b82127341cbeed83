-- Each tenant's own webhook signing secrets (issue 14): a call signed for tenant B cannot be replayed at
-- tenant A's receiver. Stored sealed (AES-256-GCM under the deployment's pac.dispatch.webhook.sealing-key,
-- nonce first, the tenant and version bound in as associated data), never in clear.
CREATE TABLE webhook_secret (
    tenant_id        TEXT         NOT NULL,
    version          INT          NOT NULL,
    sealed           BYTEA        NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    -- who rotated it in, or 'pac:first-use' for one made at the tenant's first webhook call
    created_by       TEXT         NOT NULL,
    -- the caller's Idempotency-Key of the rotation that made it, if one was sent (with created_by: a repeat is refused)
    idempotency_key  TEXT,
    -- null while it is the current secret; once replaced, the end of its overlap: it signs until then
    valid_until      TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, version)
);

-- One current secret per tenant.
CREATE UNIQUE INDEX webhook_secret_current ON webhook_secret (tenant_id) WHERE valid_until IS NULL;
