#!/usr/bin/env bash
# Builds PAC (unless PAC_SKIP_BUILD=1), then runs one benchmark's main class with the project root
# and the remaining arguments. Usage: run-benchmark.sh <MainClass> <heap> [options...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
main="$1"; heap="$2"; shift 2
if [ "${PAC_SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -DskipTests install
fi
# The broker, its clients and the load generator share this JVM's file descriptors.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java "-Xmx$heap" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "testing/benchmarks/target/benchmarks.jar:testing/benchmarks/target/lib/*" "nl.pac.bench.$main" "$root" "$@"
