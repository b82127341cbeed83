#!/usr/bin/env bash
# Incident timelines at volume (incident issue): incident-service from its packaged jar,
# 1,000,000 timeline entries of 100,000 incidents ingested over Kafka, then concurrent reads and a replay.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${PAC_SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -DskipTests install
fi
# The broker, its clients and the load generator share this JVM's file descriptors.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" nl.pac.bench.TimelineBenchmark "$root" "$@"
