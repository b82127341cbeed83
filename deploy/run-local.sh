#!/usr/bin/env bash
# Builds PAC and runs the whole system on this machine: an embedded Kafka broker and PostgreSQL
# server, the four services from their packaged jars, and a demo tenant. Needs only a JDK 17 and
# Maven. Ctrl-C stops every process it started. With --simulate, a pretend device raises an alarm
# for the demo tenant every 10 s.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ "${PAC_SKIP_BUILD:-}" != "1" ]; then
  echo "PAC: building (tests skipped; run them with: mvn verify)..."
  mvn -B -q -DskipTests install
fi

# exec: the JVM receives Ctrl-C directly and its shutdown hooks stop the services, Kafka and PostgreSQL.
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "testing/local-launcher/target/local-launcher.jar:testing/local-launcher/target/lib/*" nl.pac.launcher.LocalSystem "$root" "$@"
