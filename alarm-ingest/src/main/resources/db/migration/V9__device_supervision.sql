-- Issue 17: device supervision (EN 50136-style). A device with a supervision interval that is not heard
-- from within interval + grace raises DEVICE_OFFLINE (DEVICE_OFFLINE_ON_VISIT if its worker is on a visit)
-- once; heard again, DEVICE_ONLINE. Each row is a durable timer: due_at is when the device counts as
-- offline unless heard first. Every instance's sweep claims due rows with FOR UPDATE SKIP LOCKED and
-- marks them offline in the same transaction, after the alarm is on Kafka under a key derived from the
-- row's due time, so a timer fires once across restarts and instances. The tenant and worker are read
-- from the device row when it fires: the binding at that moment.
CREATE TABLE device_supervision (
    vendor_id      TEXT         NOT NULL,
    device_id      TEXT         NOT NULL,
    last_heard_at  TIMESTAMPTZ  NOT NULL,
    due_at         TIMESTAMPTZ  NOT NULL,
    offline_since  TIMESTAMPTZ,
    -- Heard again while offline: DEVICE_ONLINE is still to be raised (by the sweep, off the heartbeat's path).
    restored_at    TIMESTAMPTZ,
    PRIMARY KEY (vendor_id, device_id),
    FOREIGN KEY (vendor_id, device_id) REFERENCES device ON DELETE CASCADE
);

CREATE INDEX device_supervision_due ON device_supervision (due_at) WHERE offline_since IS NULL;

CREATE INDEX device_supervision_restored ON device_supervision (restored_at) WHERE restored_at IS NOT NULL;
