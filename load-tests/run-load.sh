#!/usr/bin/env bash
# A bounded load run on loopback: starts the backend (demo profile, a fresh embedded PostgreSQL
# under load-tests/target/load-db, a demo city of ~11,000 devices), drives the real alarm route
# at the target rate, prints throughput and acknowledgement latency, and stops everything.
#   load-tests/run-load.sh --rate=5000 --duration=PT60S [--connections=4] [--warmup=PT10S]
#   load-tests/run-load.sh --target=echo --rate=5000 ...   the same load against a bare RSocket echo (baseline)
# Build first: ./mvnw -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" --target=echo "* ]]; then
  # the baseline: the same generator against a bare RSocket echo in its own JVM, no backend
  exec java -Xmx1g -cp load-tests/target/anshim-simulator.jar -Dloader.main=kr.anshim.loadtests.LoadRun \
    org.springframework.boot.loader.launch.PropertiesLauncher --households-per-thousand=5 "$@"
fi
DIR=load-tests/target/load-run
mkdir -p "$DIR"
rm -f "$DIR/backend.ports"
java -Xmx2g ${BACKEND_JAVA_OPTS:-} -jar "${BACKEND_JAR:-backend/server/target/anshim-backend.jar}" --spring.profiles.active=demo \
  --server.port=0 --spring.rsocket.server.port=0 \
  --anshim.demo.households-per-thousand=5 \
  --anshim.embedded-db.dir="$DIR/db" --anshim.embedded-db.reset=true \
  --anshim.ports-file="$DIR/backend.ports" ${BACKEND_ARGS:-} > "$DIR/backend.log" 2>&1 &
BACKEND=$!
trap 'kill $BACKEND 2>/dev/null; wait $BACKEND 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do [ -f "$DIR/backend.ports" ] && break; sleep 1; done
[ -f "$DIR/backend.ports" ] || { echo "backend did not start; see $DIR/backend.log" >&2; exit 1; }
PORT=$(grep rsocket "$DIR/backend.ports" | cut -d= -f2)
HTTP=$(grep http "$DIR/backend.ports" | cut -d= -f2)
sleep 3
java -Xmx1g -cp load-tests/target/anshim-simulator.jar -Dloader.main=kr.anshim.loadtests.LoadRun \
  org.springframework.boot.loader.launch.PropertiesLauncher --port="$PORT" --households-per-thousand=5 "$@"
echo
echo "Server side (Micrometer, whole run incl. warm-up):"
curl -s "http://127.0.0.1:$HTTP/actuator/prometheus" | grep -E '^anshim_(ingest_events_total|ingest_rejected_total|ingest_commit_latency_seconds\{.*quantile|journal_batch_seconds_(count|sum))' || true
