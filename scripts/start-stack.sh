#!/usr/bin/env bash
# Starts the whole stack with Docker Compose (profile "demo" by default: a replayer writes real
# Triton logs, no GPU needed; pass "gpu" or "cpu" to run a real Triton instead).
# On first use it writes .env from .env.example with a random Grafana admin password (printed
# once, never admin/admin) and the Docker socket's group id, so the non-root collector can read it.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-demo}"

if [ ! -f .env ]; then
  password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)"
  gid="$(stat -c %g /var/run/docker.sock 2>/dev/null || echo 0)"
  sed -e "s|^GRAFANA_ADMIN_PASSWORD=.*|GRAFANA_ADMIN_PASSWORD=${password}|" \
      -e "s|^DOCKER_GID=.*|DOCKER_GID=${gid}|" .env.example > .env
  chmod 600 .env
  echo "wrote .env; Grafana: http://localhost:3000  user admin  password ${password}"
fi

docker compose --profile "$profile" up -d --build
docker compose ps
