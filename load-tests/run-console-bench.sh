#!/usr/bin/env bash
# The console browser benchmark on loopback (issue 11): starts the backend (demo profile, a fresh
# embedded PostgreSQL under load-tests/target/console-bench, ~3,000 households) and the UI, seeds
# 2,000 open incidents, sends 50 changes a second, and measures in headless Chromium at 1920x1080
# the median and p95 of click-to-panel and alarm-to-row (kr.anshim.loadtests.ConsoleBench).
#   load-tests/run-console-bench.sh [--open=2000] [--rate=50] [--samples=40]
# Build first: ./mvnw -q -DskipTests package (needs chromium and chromium-driver, as the browser tests do).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=load-tests/target/console-bench
UI_PORT=${UI_PORT:-18080}
mkdir -p "$DIR"
rm -f "$DIR/backend.ports"
java -Xmx1g -jar "${BACKEND_JAR:-backend/server/target/anshim-backend.jar}" --spring.profiles.active=demo \
  --server.port=0 --spring.rsocket.server.port=0 --anshim.demo.households-per-thousand=2 \
  --anshim.embedded-db.dir="$DIR/db" --anshim.embedded-db.reset=true \
  --anshim.ports-file="$DIR/backend.ports" > "$DIR/backend.log" 2>&1 &
BACKEND=$!
UI=
trap 'kill $BACKEND ${UI:-} 2>/dev/null; wait $BACKEND ${UI:-} 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 180); do [ -f "$DIR/backend.ports" ] && break; sleep 1; done
[ -f "$DIR/backend.ports" ] || { echo "backend did not start; see $DIR/backend.log" >&2; exit 1; }
PORT=$(grep rsocket "$DIR/backend.ports" | cut -d= -f2)
ANSHIM_BACKEND_RSOCKET_PORT=$PORT java -Xmx1g -jar "${UI_JAR:-ui/target/anshim-ui.jar}" --spring.profiles.active=demo \
  --server.port="$UI_PORT" --server.address=127.0.0.1 > "$DIR/ui.log" 2>&1 &
UI=$!
for _ in $(seq 1 180); do curl -sf -o /dev/null "http://127.0.0.1:$UI_PORT/login" && break; sleep 1; done
java -Xmx1g -cp "${SIMULATOR_JAR:-load-tests/target/anshim-simulator.jar}" -Dloader.main=kr.anshim.loadtests.ConsoleBench \
  org.springframework.boot.loader.launch.PropertiesLauncher --port="$PORT" --ui="http://127.0.0.1:$UI_PORT" \
  --households-per-thousand=2 "$@"
