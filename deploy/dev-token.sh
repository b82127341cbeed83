#!/usr/bin/env bash
# Mints a DEV bearer token for the local run, signed with the project's dev key pair
# (testing/test-support/src/main/resources/dev-keys), which only services started by run-local.sh and the
# tests trust. Needs the build run-local.sh makes (or: mvn -q -DskipTests install).
#   deploy/dev-token.sh operator --tenants demo-gemeente,other-gemeente
#   deploy/dev-token.sh worker --tenant demo-gemeente --worker worker-2
#   deploy/dev-token.sh auditor --ttl PT15M
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/testing/local-launcher/target/local-launcher.jar"
if [ ! -f "$jar" ]; then
  echo "dev-token: $jar is missing; build first: (cd $root && mvn -q -DskipTests install)" >&2
  exit 1
fi
exec java -cp "$jar:$root/testing/local-launcher/target/lib/*" nl.pac.launcher.DevTokenCommand "$@"
