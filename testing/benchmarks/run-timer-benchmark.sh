#!/usr/bin/env bash
# The durable-timer benchmark (escalation issue): builds PAC, then runs 100,000 visits through
# escalation-service and the same timers through db-scheduler, on the project's own embedded Kafka
# and PostgreSQL. Takes about 15 minutes. Options: --visits N --lead PT120S --spread PT3M --step PT20S
# --order pac,db-scheduler (any order, repeats allowed; db-scheduler@PT0.1S polls every 100 ms).
exec "$(dirname "$0")/run-benchmark.sh" TimerBenchmark 2g "$@"
