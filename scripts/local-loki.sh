#!/usr/bin/env bash
# Starts a Loki executable (e.g. Grafana's loki-linux-amd64 release asset) with the stack's own
# config/loki/loki-config.yaml, on loopback only, and waits until it is ready; prints its URL.
# The tests then run against it:
#
#   export LOKI_URL=$(scripts/local-loki.sh /path/to/loki)
#   ./mvnw verify
#
# Storage goes to LOKI_DATA_DIR (default: a new directory under /tmp) instead of the config's
# /loki; the HTTP port is LOKI_PORT (default 3100), gRPC LOKI_GRPC_PORT (default 9095).
# Loki's own log: $LOKI_DATA_DIR/loki.log. Stop it with: kill "$(cat "$LOKI_DATA_DIR/loki.pid")".
set -euo pipefail

loki=${1:?usage: scripts/local-loki.sh /path/to/loki}
root="$(cd "$(dirname "$0")/.." && pwd)"
port=${LOKI_PORT:-3100}
grpc_port=${LOKI_GRPC_PORT:-9095}
data=${LOKI_DATA_DIR:-$(mktemp -d /tmp/triton-logs-loki.XXXXXX)}
mkdir -p "$data"

# The stack's config with its /loki storage paths moved under $data; everything else as shipped.
sed "s#/loki\\b#${data}#g" "$root/config/loki/loki-config.yaml" > "$data/loki-config.yaml"

# Loopback only: the HTTP and gRPC listeners, the ring's and the query frontend's advertised
# addresses (the frontend would otherwise advertise the first non-loopback interface).
nohup "$loki" -config.file="$data/loki-config.yaml" \
  -server.http-listen-address=127.0.0.1 -server.http-listen-port="$port" \
  -server.grpc-listen-address=127.0.0.1 -server.grpc-listen-port="$grpc_port" \
  -frontend.instance-addr=127.0.0.1 \
  >"$data/loki.log" 2>&1 &
echo $! >"$data/loki.pid"

url="http://127.0.0.1:$port"
# /ready answers 503 for 15-20 s after start while the ingester joins its ring.
for _ in $(seq 1 120); do
  if ! kill -0 "$(cat "$data/loki.pid")" 2>/dev/null; then
    echo "Loki exited before it was ready; its log ($data/loki.log):" >&2
    tail -n 30 "$data/loki.log" >&2
    exit 1
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/ready")" = 200 ]; then
    echo "$url"
    exit 0
  fi
  sleep 1
done
echo "Loki at $url was not ready after 120 s; its log ($data/loki.log):" >&2
tail -n 30 "$data/loki.log" >&2
exit 1
