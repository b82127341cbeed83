-- The teams the tenants' directories know (dispatch-service publishes each team's state on the compacted
-- pac.directory, keyed tenant/team; this service reads it from the start in a group of its own). Only the
-- policy and browse APIs ask it: a team unknown here is 404 there, as it is in dispatch. A visit's chain
-- never does: a visit whose team is unknown still runs, under the built-in default (fail safe).
-- One row per team at the highest version read, so a redelivered or older state never replaces a newer one.
-- Teams are never deleted today; a later TeamDirectoryRemoved would delete the row.
CREATE TABLE known_team (
    tenant_id    TEXT         NOT NULL,
    team_id      TEXT         NOT NULL,
    version      INT          NOT NULL CHECK (version >= 1),
    name         TEXT         NOT NULL,
    -- The team's managers (person ids): a manager browses the open visits of the teams they manage only.
    managers     TEXT[]       NOT NULL,
    changed_at   TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, team_id)
);
