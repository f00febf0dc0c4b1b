#!/usr/bin/env bash
# Cluster failover with kill -9 under load (issue 12), the long form of ClusterKillIT: a KRaft broker,
# 2 or 3 backend jars as processes on one PostgreSQL, one at-least-once gateway per instance sending
# events for every ward, a supervisor's screen on the first instance; the last instance is killed with
# SIGKILL. Reports the take-over time, acknowledged alarms lost (checked in PostgreSQL: each exactly
# once), alarms delayed, the maximum ack latency after the kill and whether the survivor's screen kept
# receiving. Loopback only, bounded (about 2-3 minutes), stops only the processes it started.
#   load-tests/run-cluster-failover.sh [--instances=2|3] [--runs=N]
# Figures: load-tests/target/cluster-failover/summary-<run>.txt. Maven options (e.g. MAVEN_ARGS=-o) pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
INSTANCES=2
RUNS=1
for arg in "$@"; do
  case "$arg" in
    --instances=*) INSTANCES="${arg#*=}" ;;
    --runs=*) RUNS="${arg#*=}" ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done
[[ "$INSTANCES" =~ ^[23]$ ]] || { echo "--instances is 2 or 3" >&2; exit 2; }
DIR="$PWD/load-tests/target/cluster-failover"
mkdir -p "$DIR"
status=0
for run in $(seq 1 "$RUNS"); do
  echo "Failover run $run of $RUNS: $INSTANCES instances, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  ./mvnw -B -ntp -q ${MAVEN_ARGS:-} -pl backend/api,backend/server verify \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test=ClusterKillIT -Danshim.cluster.kill.instances="$INSTANCES" -Danshim.cluster.kill.dir="$DIR/run-$run" || status=$?
  cp "$DIR/run-$run/summary.txt" "$DIR/summary-$run.txt" 2>/dev/null && cat "$DIR/summary-$run.txt" \
    || echo "no summary; see backend/server/target/failsafe-reports and $DIR/run-$run/*/backend-*.log" >&2
done
exit "$status"
