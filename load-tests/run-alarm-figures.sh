#!/usr/bin/env bash
# ISA-18.2 figures for one ward with the city simulator at its default rate (as ./run.sh starts it)
# and a burst in that ward: starts the backend (demo profile, a fresh embedded PostgreSQL under
# load-tests/target/alarm-figures), the simulator, and AlarmFigures, which prints the ward's flood
# state every 10 s (what the console's flood view follows) and, at the end, the measures over the
# run and the audit's flood entries; then stops everything. Bounded: --duration (default PT7M).
#   load-tests/run-alarm-figures.sh [--ward=11440] [--duration=PT7M] [--burst-after=PT3M] [--burst-count=30]
# Build first (the backend and simulator jars).
set -euo pipefail
cd "$(dirname "$0")/.."
WARD=11440; DURATION=PT7M; AFTER=PT3M; COUNT=30
for arg in "$@"; do
  case "$arg" in
    --ward=*) WARD="${arg#*=}" ;;
    --duration=*) DURATION="${arg#*=}" ;;
    --burst-after=*) AFTER="${arg#*=}" ;;
    --burst-count=*) COUNT="${arg#*=}" ;;
  esac
done
DIR=load-tests/target/alarm-figures
mkdir -p "$DIR"
rm -f "$DIR/backend.ports"
java -Xmx1g -jar "${BACKEND_JAR:-backend/server/target/anshim-backend.jar}" --spring.profiles.active=demo \
  --server.port=0 --spring.rsocket.server.port=0 \
  --anshim.embedded-db.dir="$DIR/db" --anshim.embedded-db.reset=true \
  --anshim.ports-file="$DIR/backend.ports" > "$DIR/backend.log" 2>&1 &
BACKEND=$!
SIMULATOR=
trap '[ -n "$SIMULATOR" ] && kill $SIMULATOR 2>/dev/null; kill $BACKEND 2>/dev/null; wait 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 180); do [ -f "$DIR/backend.ports" ] && break; sleep 1; done
[ -f "$DIR/backend.ports" ] || { echo "backend did not start; see $DIR/backend.log" >&2; exit 1; }
PORT=$(grep rsocket "$DIR/backend.ports" | cut -d= -f2)
# the simulator as ./run.sh starts it (its default rate), plus the burst in the ward
java -Xmx512m -jar load-tests/target/anshim-simulator.jar --anshim.simulator.port="$PORT" --anshim.simulator.duration="$DURATION" \
  --anshim.simulator.burst.ward="$WARD" --anshim.simulator.burst.after="$AFTER" --anshim.simulator.burst.count="$COUNT" \
  > "$DIR/simulator.log" 2>&1 &
SIMULATOR=$!
java -Xmx256m -cp load-tests/target/anshim-simulator.jar -Dloader.main=kr.anshim.loadtests.AlarmFigures \
  org.springframework.boot.loader.launch.PropertiesLauncher --port="$PORT" --ward="$WARD" --duration="$DURATION"
grep -E 'Burst|Simulator done|Simulating' "$DIR/simulator.log" || true
