#!/usr/bin/env bash
# Builds the suite and starts the three services on this machine as JVM processes, logging to
# target/run-local/ (for development without containers; scripts/start-stack.sh runs everything).
# Loki is taken from LOKI_URL (default http://localhost:3100). Stop with: scripts/run-local.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/run-local
services=(collector-service query-service alert-service)

if [ "${1:-}" = stop ]; then
  for s in "${services[@]}"; do
    [ -f "$dir/$s.pid" ] && kill "$(cat "$dir/$s.pid")" 2>/dev/null && echo "stopped $s"
    rm -f "$dir/$s.pid"
  done
  exit 0
fi

./mvnw -B -q package -DskipTests -pl collector-service,query-service,alert-service -am
mkdir -p "$dir"
for s in "${services[@]}"; do
  COLLECTOR_DATA_DIR=${COLLECTOR_DATA_DIR:-$PWD/$dir/collector-data} ALERT_DATA_DIR=${ALERT_DATA_DIR:-$PWD/$dir/alert-data} \
    nohup java -jar "$s/target/quarkus-app/quarkus-run.jar" >"$dir/$s.log" 2>&1 &
  echo $! >"$dir/$s.pid"
done
for port in 8081 8082 8083; do
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/q/health/live" >/dev/null 2>&1 && break
    sleep 1
  done
  echo "http://127.0.0.1:$port/q/health/ready -> $(curl -s "http://127.0.0.1:$port/q/health/ready" | tr -d " \n" || echo down)"
done
echo "logs in $dir; stop with: scripts/run-local.sh stop"
