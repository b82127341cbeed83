#!/usr/bin/env bash
# The durable-timer benchmark (escalation issue): builds PAC, then runs 100,000 visits through
# escalation-service and the same timers through db-scheduler, on the project's own embedded Kafka
# and PostgreSQL. Takes about 15 minutes. Options: --visits N --lead PT120S --spread PT3M --step PT20S
# --only pac|db-scheduler.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${PAC_SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -DskipTests install
fi
exec java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" nl.pac.bench.TimerBenchmark "$root" "$@"
