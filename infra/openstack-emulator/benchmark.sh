#!/usr/bin/env bash
# Measures the emulator's throughput with wrk (Debian: apt-get install wrk): starts the exec jar on a
# free port, logs in as demo, then hammers a simple authenticated read (Nova's flavor list) and a
# Neutron list. Usage: infra/openstack-emulator/benchmark.sh [seconds] [connections]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
seconds="${1:-10}"
connections="${2:-32}"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 2; }
jar="$(ls "$here"/target/openstack-emulator-*-exec.jar 2>/dev/null | head -1)"
[[ -n "$jar" ]] || { echo "build the emulator first: ./mvnw -f infra/openstack-emulator/pom.xml install" >&2; exit 2; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$java_bin" -jar "$jar" "$port" >/dev/null 2>&1 &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fs "$url/_emulator/health" >/dev/null && break; sleep 0.1; done

token="$(curl -fsi -X POST "$url/v3/auth/tokens" -H 'Content-Type: application/json' -d '{"auth": {"identity":
  {"methods": ["password"], "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "demo"}}},
  "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}' | awk 'tolower($1)=="x-subject-token:" {print $2}' | tr -d '\r')"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for path in /compute/v2.1/flavors/detail /network/v2.0/networks; do
  echo "== GET $path, $connections connections, ${seconds}s"
  wrk -t2 -c"$connections" -d"${seconds}s" -H "X-Auth-Token: $token" "$url$path" | grep -E 'Requests/sec|Latency|Non-2xx'
done
