#!/bin/sh
# Builds the JDK 25 AOT cache (JEP 483/514) for campfire.jar with a short training run: start the
# server on a scratch database, load the pages every start touches, stop it with SIGTERM. The JVM
# writes the cache as it exits. Run it with the same java and jar path as production uses.
#   deploy/aot-train.sh JAR CACHE
set -eu
jar="$1"
cache="$2"
scratch="$(mktemp -d)"
port="${AOT_TRAIN_PORT:-39123}"
trap 'rm -rf "$scratch"' EXIT

fetch() {
  if command -v wget >/dev/null 2>&1; then wget -q -O /dev/null "$1"; else curl -fsS -o /dev/null "$1"; fi
}

DATABASE_URL="sqlite:$scratch/campfire.db" BIND_ADDRESS="127.0.0.1:$port" SESSION_SECRET="aot-training-only-aot-training-only" \
  LOG_LEVEL=warn java -XX:AOTCacheOutput="$cache" -jar "$jar" serve &
pid=$!
up=""
for _ in $(seq 1 150); do
  if fetch "http://127.0.0.1:$port/health" 2>/dev/null; then up=yes; break; fi
  sleep 0.2
done
if [ -z "$up" ]; then kill "$pid" 2>/dev/null || true; echo "aot-train: the server did not start" >&2; exit 1; fi
for path in /ready /up /first_run /session/new /health; do fetch "http://127.0.0.1:$port$path" || true; done
kill -TERM "$pid"
wait "$pid" || true
test -s "$cache"
echo "aot-train: wrote $cache"
