-- One overdue chain per visit, with its single next timer. The scheduler claims due rows with
-- FOR UPDATE SKIP LOCKED, so two instances never fire the same step, and a restart loses nothing:
-- a step that fell due while the service was down is simply due now.
CREATE TABLE visit_chain (
    visit_id          UUID         PRIMARY KEY,
    tenant_id         TEXT         NOT NULL,
    worker_id         TEXT         NOT NULL,
    state             TEXT         NOT NULL,
    policy            JSONB        NOT NULL,
    expected_end      TIMESTAMPTZ  NOT NULL,
    risk_check_in_due TIMESTAMPTZ,
    due_at            TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL
);

CREATE INDEX visit_chain_due ON visit_chain (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX visit_chain_open_by_worker ON visit_chain (tenant_id, worker_id)
    WHERE state NOT IN ('CLEARED', 'CLOSED_BY_OPERATOR');
