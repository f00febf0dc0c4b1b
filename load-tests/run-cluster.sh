#!/usr/bin/env bash
# A bounded cluster load run on loopback: a Kafka broker (KRaft, from the Maven artifacts, as
# ./run.sh --cluster starts it), N backend instances in cluster mode on one embedded PostgreSQL (the
# first instance's), then LoadRun spreading its gateway connections over every instance, with
# ingest-to-screen probes watched on the first instance's supervisor screen. At the end each
# instance's own counters (events it stored as a ward owner, wards owned). Stops everything it
# started, by PID. Every process shares this machine's cores.
#   load-tests/run-cluster.sh --instances=2 --rate=6000 --duration=PT60S [--warmup=PT15S] [--connections=6]
# Build first: ./mvnw -q -DskipTests package -pl backend/api,backend/server,load-tests
set -euo pipefail
cd "$(dirname "$0")/.."
INSTANCES=2
LOAD_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --instances=*) INSTANCES="${arg#*=}" ;;
    *) LOAD_ARGS+=("$arg") ;;
  esac
done
[[ "$INSTANCES" =~ ^[1-5]$ ]] || { echo "--instances is 1 to 5" >&2; exit 2; }
DIR="$PWD/load-tests/target/cluster-run"
KAFKA="$DIR/kafka"
KAFKA_PORT="${ANSHIM_KAFKA_PORT:-29092}"
rm -rf "$DIR/db" "$KAFKA/data" "$DIR"/*.ports "$DIR"/*.log
mkdir -p "$KAFKA"
PIDS=()
stop() {
  trap - EXIT INT TERM
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
    wait "${PIDS[i]}" 2>/dev/null || true
  done
}
trap stop EXIT INT TERM

if [ ! -s "$KAFKA/classpath" ]; then
  ./mvnw -B -ntp -q ${MAVEN_ARGS:-} dependency:build-classpath -pl backend/server -Dmdep.includeScope=test \
    -Dmdep.outputFile="$KAFKA/classpath"
fi
CP="$(cat "$KAFKA/classpath")"
cat > "$KAFKA/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((KAFKA_PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$((KAFKA_PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid)" \
  -c "$KAFKA/server.properties" > "$DIR/kafka-format.log" 2>&1
java -Xmx512m -cp "$CP" kafka.Kafka "$KAFKA/server.properties" > "$DIR/kafka.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  (exec 3<>/dev/tcp/127.0.0.1/"$KAFKA_PORT") 2>/dev/null && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "Kafka failed to start; see $DIR/kafka.log" >&2; exit 1; }
  sleep 1
done

JAR="${BACKEND_JAR:-backend/server/target/anshim-backend.jar}"
start_backend() { # n, then extra environment before the command
  local n=$1
  shift
  env "$@" java -Xmx1g ${BACKEND_JAVA_OPTS:-} -jar "$JAR" --spring.profiles.active=demo \
    --server.port=0 --spring.rsocket.server.port=0 --anshim.demo.households-per-thousand=5 \
    --anshim.cluster.enabled=true --anshim.cluster.instance-id="backend-$n" \
    --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
    --anshim.ports-file="$DIR/backend-$n.ports" ${BACKEND_ARGS:-} > "$DIR/backend-$n.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 180); do
    [ -f "$DIR/backend-$n.ports" ] && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "backend-$n failed to start; see $DIR/backend-$n.log" >&2; exit 1; }
    sleep 1
  done
  echo "backend-$n did not start in 3 minutes" >&2
  exit 1
}
port_of() { grep "^$2=" "$DIR/backend-$1.ports" | cut -d= -f2; }

start_backend 1 ANSHIM_EMBEDDED_DB_DIR="$DIR/db" ANSHIM_EMBEDDED_DB_RESET=true
DB_PORT="$(sed -n 4p "$DIR/db/data/postmaster.pid")"
for n in $(seq 2 "$INSTANCES"); do
  start_backend "$n" ANSHIM_DB_URL="postgresql://127.0.0.1:$DB_PORT/postgres" ANSHIM_DB_USER=postgres \
    ANSHIM_DB_PASSWORD="$(cat "$DIR/db/postgres-password")"
done
RSOCKET_PORTS=""
for n in $(seq 1 "$INSTANCES"); do RSOCKET_PORTS="${RSOCKET_PORTS:+$RSOCKET_PORTS,}$(port_of "$n" rsocket)"; done

metric() { # instance, metric line pattern
  curl -s "http://127.0.0.1:$(port_of "$1" http)/actuator/prometheus" | grep -E "$2" | awk '{s += $NF} END {printf "%.0f", s}'
}
# every ward owned by exactly one instance before the load starts
for _ in $(seq 1 60); do
  total=0
  for n in $(seq 1 "$INSTANCES"); do total=$((total + $(metric "$n" '^anshim_cluster_wards_owned'))); done
  [ "$total" -eq 25 ] && break
  sleep 1
done
echo "Cluster of $INSTANCES instance(s), RSocket ports $RSOCKET_PORTS, broker 127.0.0.1:$KAFKA_PORT; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $(seq 1 "$INSTANCES"); do
  stored_before[$n]=$(metric "$n" '^anshim_ingest_events_total\{.*outcome="stored"')
done
java -Xmx1g -cp load-tests/target/anshim-simulator.jar -Dloader.main=kr.anshim.loadtests.LoadRun \
  org.springframework.boot.loader.launch.PropertiesLauncher --ports="$RSOCKET_PORTS" \
  --screen-port="$(port_of 1 rsocket)" --households-per-thousand=5 "${LOAD_ARGS[@]}"
echo
echo "Per instance (its own Micrometer counters over the whole run, warm-up included):"
for n in $(seq 1 "$INSTANCES"); do
  echo "  backend-$n: owns $(metric "$n" '^anshim_cluster_wards_owned') wards; stored as their owner:" \
    "$(( $(metric "$n" '^anshim_ingest_events_total\{.*outcome="stored"') - stored_before[$n] )) events;" \
    "owner pauses $(metric "$n" '^anshim_cluster_owner_pauses_total')"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
