#!/usr/bin/env bash
# Alarm-to-first-notification latency (dispatch issue): all four services from their packaged jars,
# a vendor posting panic alarms at --rate per second for --seconds (default 500/s for 60 s).
exec "$(dirname "$0")/run-benchmark.sh" DispatchBenchmark 1g "$@"
