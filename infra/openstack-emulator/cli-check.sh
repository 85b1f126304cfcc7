#!/usr/bin/env bash
# Checks the emulator with a second, independent client: the official `openstack` CLI
# (Debian: apt-get install python3-openstackclient). Starts the emulator from the module's exec jar
# on a free port unless EMULATOR_URL points at a running one, then runs token issue, server list,
# network list and volume list and verifies what they print. Exit status 0 means all four worked.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
command -v openstack >/dev/null || { echo "openstack CLI missing: apt-get install python3-openstackclient" >&2; exit 2; }

workdir="$(mktemp -d)"
emulator_pid=""
cleanup() { [[ -n "$emulator_pid" ]] && kill "$emulator_pid" 2>/dev/null; rm -rf "$workdir"; }
trap cleanup EXIT

url="${EMULATOR_URL:-}"
if [[ -z "$url" ]]; then
  jar="$(ls "$here"/target/openstack-emulator-*-exec.jar 2>/dev/null | head -1)"
  [[ -n "$jar" ]] || { echo "build the emulator first: ./mvnw -f infra/openstack-emulator/pom.xml install" >&2; exit 2; }
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "$java_bin" -jar "$jar" "$port" >"$workdir/emulator.log" 2>&1 &
  emulator_pid=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 50); do curl -fs "$url/_emulator/health" >/dev/null && break; sleep 0.1; done
fi

cat >"$workdir/clouds.yaml" <<YAML
clouds:
  picloud-emulator:
    auth:
      auth_url: $url/v3
      username: admin
      password: admin
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
YAML
export OS_CLIENT_CONFIG_FILE="$workdir/clouds.yaml" OS_CLOUD=picloud-emulator

check() { # name, command...; fails loudly with the CLI's own output
  local name="$1"; shift
  if output="$("$@" 2>&1)"; then echo "ok    $name"; else echo "FAIL  $name"; echo "$output" >&2; exit 1; fi
  printf '%s\n' "$output" >"$workdir/$name.out"
}

check "token issue"  openstack token issue -f value -c project_id
check "network list" openstack network list -f value -c Name
check "server list"  openstack server list -f value
check "volume list"  openstack volume list -f value

# the CLI can exit 0 on an empty answer: check the content as well
grep -qx public "$workdir/network list.out" || { echo "FAIL  network list does not show the seeded 'public' network" >&2; exit 1; }
[[ -n "$(cat "$workdir/token issue.out")" ]] || { echo "FAIL  token issue printed no project" >&2; exit 1; }
echo "openstack CLI works against the emulator at $url"
