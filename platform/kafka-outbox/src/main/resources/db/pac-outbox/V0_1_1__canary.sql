-- Pipeline canaries (nl.pac.canary): one row per canary this service sent, written with its outbox
-- event, so any instance of the service can record that it came back, whichever partition it landed
-- on. Readiness asks whether this instance's canaries made it through in time; rows are pruned after
-- pac.canary.retention.
CREATE TABLE canary (
    id              UUID         PRIMARY KEY,
    topic           TEXT         NOT NULL,
    instance        TEXT         NOT NULL,
    sent_at         TIMESTAMPTZ  NOT NULL,
    -- true: it must come back through this service's own consumer of the topic; false: it must only
    -- leave the service (a topic it publishes but does not consume).
    awaits_consumer BOOLEAN      NOT NULL,
    published_at    TIMESTAMPTZ,
    consumed_at     TIMESTAMPTZ,
    consumed_by     TEXT
);

CREATE INDEX canary_by_instance ON canary (instance, sent_at);
CREATE INDEX canary_by_age ON canary (sent_at);
