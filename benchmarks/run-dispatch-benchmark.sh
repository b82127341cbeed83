#!/usr/bin/env bash
# Alarm-to-first-notification latency (dispatch issue): all four services from their packaged jars,
# a vendor posting panic alarms at --rate per second for --seconds (default 500/s for 60 s).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${PAC_SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -DskipTests install
fi
# The broker, its clients and the load generator share this JVM's file descriptors.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" nl.pac.bench.DispatchBenchmark "$root" "$@"
