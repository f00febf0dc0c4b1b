#!/usr/bin/env bash
# Starts the whole control centre: embedded PostgreSQL + backend, UI and the city simulator.
# Ctrl-C stops everything. Options:
#   --reset       start with an empty database (re-seeds the demo city)
#   --no-build    use the jars already built
#   --rate=N      simulator device events per second (default 3)
#   --cluster     cluster mode: an in-process Kafka broker (KRaft, from Maven artifacts, data in
#                 .anshim-data/kafka), two backends (RSocket 7000 and 7001, management 8090 and 8091)
#                 on one embedded PostgreSQL, the UI given both (it fails over), the simulator
# Environment: ANSHIM_UI_PORT (8080), ANSHIM_MANAGEMENT_PORT (8090; formerly ANSHIM_HTTP_PORT), ANSHIM_RSOCKET_PORT (7000),
#   ANSHIM_KAFKA_PORT (9092; the broker's controller listens on the next port, cluster mode only),
#   ANSHIM_DB_URL / ANSHIM_DB_USER / ANSHIM_DB_PASSWORD for an external PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"

RESET=false
BUILD=true
RATE=3
CLUSTER=false
for arg in "$@"; do
  case "$arg" in
    --cluster) CLUSTER=true ;;
    --reset) RESET=true ;;
    --no-build) BUILD=false ;;
    --rate=*) RATE="${arg#*=}" ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

export ANSHIM_UI_PORT="${ANSHIM_UI_PORT:-8080}"
export ANSHIM_HTTP_PORT="${ANSHIM_MANAGEMENT_PORT:-${ANSHIM_HTTP_PORT:-8090}}"
export ANSHIM_MANAGEMENT_PORT="$ANSHIM_HTTP_PORT"
export ANSHIM_RSOCKET_PORT="${ANSHIM_RSOCKET_PORT:-7000}"
export ANSHIM_BACKEND_RSOCKET_PORT="$ANSHIM_RSOCKET_PORT"
DATA=".anshim-data"
LOGS="$DATA/logs"
mkdir -p "$LOGS"

if $BUILD; then
  echo "Building (first time: a few minutes; Maven and npm packages are downloaded once)..."
  # package, not install: nothing is written to ~/.m2 beyond the downloaded dependencies
  ./mvnw -q -DskipTests package
fi

PIDS=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  # last started first: the simulator and UI, then the backends (which hand their wards over), the broker last
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
    wait "${PIDS[i]}" 2>/dev/null || true
  done
  echo "Stopped. Data kept in $DATA (use --reset to start empty)."
}
trap stop INT TERM EXIT

wait_for() { # url, name, pid
  for _ in $(seq 1 180); do
    if curl -fs "$1" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then
      echo "$2 failed to start; see $LOGS/$2.log" >&2
      grep -m1 -E "IllegalStateException|Gave up waiting|Could not start" "$LOGS/$2.log" | sed 's/^/  /' >&2 || true
      exit 1
    fi
    sleep 1
  done
  echo "$2 did not start in 3 minutes; see $LOGS/$2.log" >&2
  exit 1
}

CLUSTER_ARGS=()
if $CLUSTER; then
  KAFKA="$DATA/kafka"
  mkdir -p "$KAFKA"
  if [ ! -s "$KAFKA/classpath" ] || $BUILD; then
    # the broker comes with the backend's test dependencies; compiling backend/api in the same reactor
    # resolves it from its target/ (the last module's classpath, the backend's, is the one kept)
    ./mvnw -q -DskipTests compile dependency:build-classpath -pl backend/api,backend/server -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PWD/$KAFKA/classpath"
  fi
  KAFKA_PORT="${ANSHIM_KAFKA_PORT:-9092}"
  cat > "$KAFKA/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((KAFKA_PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$((KAFKA_PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$PWD/$KAFKA/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  if $RESET; then rm -rf "$KAFKA/data"; fi
  if [ ! -f "$KAFKA/data/meta.properties" ]; then
    java -cp "$(cat "$KAFKA/classpath")" kafka.tools.StorageTool format -t "$(java -cp "$(cat "$KAFKA/classpath")" kafka.tools.StorageTool random-uuid)" \
      -c "$KAFKA/server.properties" > "$LOGS/kafka-format.log" 2>&1
  fi
  echo "Starting Kafka broker (KRaft, data in $KAFKA/data)..."
  java -Xmx512m -cp "$(cat "$KAFKA/classpath")" kafka.Kafka "$KAFKA/server.properties" > "$LOGS/kafka.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$KAFKA_PORT") 2>/dev/null; then break; fi
    if ! kill -0 "${PIDS[-1]}" 2>/dev/null; then echo "Kafka failed to start; see $LOGS/kafka.log" >&2; exit 1; fi
    sleep 1
  done
  CLUSTER_ARGS=(--anshim.cluster.enabled=true --spring.kafka.bootstrap-servers=127.0.0.1:$KAFKA_PORT)
fi

echo "Starting backend (embedded PostgreSQL in $DATA/db)..."
java -jar backend/server/target/anshim-backend.jar --spring.profiles.active=demo \
  --anshim.embedded-db.dir="$DATA/db" --anshim.embedded-db.reset="$RESET" "${CLUSTER_ARGS[@]}" \
  ${CLUSTER_ARGS:+--anshim.cluster.instance-id=backend-1} > "$LOGS/backend.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$ANSHIM_HTTP_PORT/actuator/health" backend "${PIDS[-1]}"
# After a crash (kill -9, power loss) the backend stops the PostgreSQL its last run left behind
# before starting its own; say so here, not only in the log.
grep -hE "orphaned PostgreSQL|leftover PostgreSQL|postmaster\.pid|Embedded PostgreSQL ready" "$LOGS/backend.log" \
  | sed -E 's/^.*EmbeddedPostgresEnvironment *: /  backend: /' || true

if $CLUSTER; then
  # the first backend's embedded PostgreSQL is this one's external database (one process owns its directory)
  DB_PORT="$(sed -n 4p "$DATA/db/data/postmaster.pid")"
  echo "Starting second backend (RSocket $((ANSHIM_RSOCKET_PORT + 1)), the same PostgreSQL on port $DB_PORT)..."
  SECOND_HTTP=$((ANSHIM_HTTP_PORT + 1))
  ANSHIM_RSOCKET_PORT=$((ANSHIM_RSOCKET_PORT + 1)) ANSHIM_HTTP_PORT=$SECOND_HTTP ANSHIM_MANAGEMENT_PORT=$SECOND_HTTP \
    ANSHIM_DB_URL="postgresql://127.0.0.1:$DB_PORT/postgres" \
    ANSHIM_DB_USER=postgres ANSHIM_DB_PASSWORD="$(cat "$DATA/db/postgres-password")" \
    java -jar backend/server/target/anshim-backend.jar --spring.profiles.active=demo "${CLUSTER_ARGS[@]}" \
    --anshim.cluster.instance-id=backend-2 > "$LOGS/backend-2.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$SECOND_HTTP/actuator/health" backend-2 "${PIDS[-1]}"
  export ANSHIM_BACKEND_OTHERS="127.0.0.1:$((ANSHIM_RSOCKET_PORT + 1))"
fi

echo "Starting UI..."
java -jar ui/target/anshim-ui.jar --spring.profiles.active=demo > "$LOGS/ui.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$ANSHIM_UI_PORT/actuator/health" ui "${PIDS[-1]}"

echo "Starting simulator ($RATE events/s, stops by itself after 12 h)..."
java -jar load-tests/target/anshim-simulator.jar --anshim.simulator.rate="$RATE" \
  --anshim.simulator.duration=PT12H > "$LOGS/simulator.log" 2>&1 &
PIDS+=($!)

cat <<MSG

  안심 통합관제 · Anshim control centre is running.

    Open:        http://127.0.0.1:$ANSHIM_UI_PORT/
    Metrics:     http://127.0.0.1:$ANSHIM_HTTP_PORT/actuator/prometheus
    Logs:        $LOGS/

    Demo accounts (demo profile only), password: anshim-demo
      op.mapo       마포구 관제요원 · ward operator, 마포구
      op.songpa     송파구 관제요원 · ward operator, 송파구
      police.mapo   서울마포경찰서 경찰 연계 · police liaison
      supervisor    관제 책임자 · supervisor, all wards
      admin         관리자 · admin: users and devices (sees no incidents)

  Press Ctrl-C to stop everything.

MSG
wait "${PIDS[0]}"
