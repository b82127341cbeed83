-- Issue 15: a worker's devices (GET /api/v1/devices?workerId=), paged in (vendor_id, device_id) order like the
-- tenant's list, without reading the tenant's other devices.
CREATE INDEX device_by_worker ON device (tenant_id, worker_id, vendor_id, device_id);
