#!/usr/bin/env bash
# Incident timelines at volume (incident issue): incident-service from its packaged jar,
# 1,000,000 timeline entries of 100,000 incidents ingested over Kafka, then concurrent reads and a replay.
# Takes about 20 minutes. Options: --incidents N --tenants N --readers N --read-seconds N.
exec "$(dirname "$0")/run-benchmark.sh" TimelineBenchmark 1g "$@"
