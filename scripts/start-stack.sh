#!/usr/bin/env bash
# Starts the whole stack with Docker Compose (profile "demo" by default: a replayer writes real
# Triton logs, no GPU needed; pass "gpu" or "cpu" to run a real Triton instead).
# On first use it writes .env from .env.example with a random Grafana admin password (printed
# once, never admin/admin) and the Docker socket's group id, so the non-root collector can read it.
# Our three services are built as JVM images (SERVICE_DOCKERFILE=Dockerfile.jvm, the default) or,
# with SERVICE_DOCKERFILE=Dockerfile.native in .env or the environment, as native executables
# (docs/native.md). Either way they are built one after the other, never three builds at once:
# a native build alone wants ~6 GB of memory for Docker.
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

# One build at a time (docker compose build would run all three in parallel).
export COMPOSE_PARALLEL_LIMIT=1
dockerfile="${SERVICE_DOCKERFILE:-$(sed -n 's/^SERVICE_DOCKERFILE=//p' .env | tail -n 1)}"
dockerfile="${dockerfile:-Dockerfile.jvm}"
if [ "$dockerfile" = Dockerfile.native ]; then
  echo "SERVICE_DOCKERFILE=Dockerfile.native: native builds need ~6 GB of memory for Docker and take minutes each (docs/native.md)"
fi
for service in collector-service query-service alert-service; do
  echo "building ${service} with ${dockerfile}"
  docker compose --profile "$profile" build "$service"
done
docker compose --profile "$profile" up -d
docker compose ps
