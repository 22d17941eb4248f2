#!/usr/bin/env bash
# Re-records the Loki answers the tests' stand-ins replay (fixtures/loki-<version>/) from a real,
# empty Loki, so the stand-ins answer exactly what that Loki answers:
#
#   scripts/record-loki-answers.sh /path/to/loki     # starts that executable on a fresh data directory
#   scripts/record-loki-answers.sh http://host:3100  # or uses a running Loki that holds nothing yet
#
# It pushes fixtures/triton-logs/ as the collector would, sends the recorded requests
# (io.tritonlogs.common.testing.LokiAnswerRecorder lists them) and writes each answer with its request.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/record-loki-answers.sh /path/to/loki | http://loki:3100}

if [[ "$target" == http://* || "$target" == https://* ]]; then
  url=$target
else
  data=$(mktemp -d /tmp/record-loki.XXXXXX)
  url=$(LOKI_DATA_DIR="$data" LOKI_PORT=${LOKI_PORT:-3197} LOKI_GRPC_PORT=${LOKI_GRPC_PORT:-9197} scripts/local-loki.sh "$target")
  trap 'kill "$(cat "$data/loki.pid")" 2>/dev/null || true; rm -rf "$data"' EXIT
fi

./mvnw -q -B install -DskipTests -pl common -am
./mvnw -q -B -pl common exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tritonlogs.common.testing.LokiAnswerRecorder -Dexec.args="$url $PWD/fixtures"
