#!/bin/sh
# Builds the JDK 25 AOT cache (JEP 483/514) for campfire.jar with a short training run: start the
# server on a scratch database, load the pages every start touches, stop it with SIGTERM. The JVM
# writes the cache as it exits. The cache is only good for the java and jar path it was made with,
# so the server starts through bin/campfire (next to deploy/, as in a checkout or the Docker
# image), which picks the java the service's launcher will pick; without it, `java` on PATH.
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

launcher="$(dirname "$0")/../bin/campfire"
# JAVA_OPTS is replaced, not added to: a service's -XX:AOTCache flag must not reach the training run.
if [ -f "$launcher" ]; then
  DATABASE_URL="sqlite:$scratch/campfire.db" BIND_ADDRESS="127.0.0.1:$port" SESSION_SECRET="aot-training-only-aot-training-only" \
    LOG_LEVEL=warn CAMPFIRE_JAR="$jar" JAVA_OPTS="-XX:AOTCacheOutput=$cache" sh "$launcher" serve &
else
  DATABASE_URL="sqlite:$scratch/campfire.db" BIND_ADDRESS="127.0.0.1:$port" SESSION_SECRET="aot-training-only-aot-training-only" \
    LOG_LEVEL=warn java -XX:AOTCacheOutput="$cache" -jar "$jar" serve &
fi
pid=$!
up=""
for _ in $(seq 1 150); do
  # A launcher that found no Java 25 has already said so and exited: no point waiting.
  kill -0 "$pid" 2>/dev/null || break
  if fetch "http://127.0.0.1:$port/health" 2>/dev/null; then up=yes; break; fi
  sleep 0.2
done
if [ -z "$up" ]; then kill "$pid" 2>/dev/null || true; echo "aot-train: the server did not start" >&2; exit 1; fi
for path in /ready /up /first_run /session/new /health; do fetch "http://127.0.0.1:$port$path" || true; done
kill -TERM "$pid"
wait "$pid" || true
test -s "$cache"
echo "aot-train: wrote $cache"
