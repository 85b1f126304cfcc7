#!/usr/bin/env bash
# Checks the emulator with a second, independent client: the official `openstack` CLI (Debian:
# apt-get install python3-openstackclient; CHECK_INSTALL=1 installs it when missing, as root).
#
# Runs the commands an operator types first (token, catalogue, flavor, image, network, subnet,
# router, port, security group, keypair, volume, server create/show/delete, quota, limits,
# availability zones, hypervisors, network agents) against the emulator, started from the module's
# exec jar on a free port and stopped at the end (or EMULATOR_URL, a running one). Where a real
# OpenStack answers (infra/openstack-dev's cloud, as ci-conformance leaves it with
# OPENSTACK_DEV_KEEP=1, or REAL_CLOUD=name with OS_CLIENT_CONFIG_FILE), the same commands run there
# too and the two are compared: a command the real cloud answers and the emulator fails is a failure.
# Exit status 0: every command worked on the emulator and none worked only on the real cloud.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
if ! command -v openstack >/dev/null; then
  if [[ "${CHECK_INSTALL:-0}" != 1 ]]; then
    echo "openstack CLI missing: apt-get install python3-openstackclient (or CHECK_INSTALL=1, as root)" >&2
    exit 2
  fi
  # as ci-conformance does: a machine that cannot have the CLI says so and passes
  [[ "$(id -u)" == 0 ]] || { echo "openstack CLI check: SKIPPED (python3-openstackclient missing, and not root to install it)"; exit 0; }
  echo "installing python3-openstackclient..."
  if ! (timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq python3-openstackclient) >/dev/null 2>&1; then
    echo "openstack CLI check: SKIPPED (python3-openstackclient could not be installed)"
    exit 0
  fi
fi

workdir="$(mktemp -d)"
emulator_pid=""
# The script's own status stays its exit status: the emulator ends on SIGTERM with 143, and a failing
# `wait` as the last command of an && list would make set -e exit with that instead (CI stop 27).
cleanup() {
  if [[ -n "$emulator_pid" ]] && kill "$emulator_pid" 2>/dev/null; then
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
started=$(date +%s)

url="${EMULATOR_URL:-}"
if [[ -z "$url" ]]; then
  jar="$(ls "$here"/target/openstack-emulator-*-exec.jar 2>/dev/null | head -1)"
  [[ -n "$jar" ]] || { echo "build the emulator first: ./mvnw -pl infra/openstack-emulator package" >&2; exit 2; }
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  PICLOUD_EMULATOR_SERVER_BUILD_MS=500 PICLOUD_EMULATOR_VOLUME_CREATE_MS=200 \
    "$java_bin" -XX:TieredStopAtLevel=1 -jar "$jar" "$port" >"$workdir/emulator.log" 2>&1 &
  emulator_pid=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 300); do curl -fs "$url/_emulator/health" >/dev/null && break; sleep 0.1; done
  curl -fs "$url/_emulator/health" >/dev/null || { cat "$workdir/emulator.log" >&2; echo "the emulator did not start" >&2; exit 1; }
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

# one command: its name, then the command; records ok/FAIL in $results and keeps the output
check() {
  local name="$1"; shift
  local out="$workdir/$label.$(echo "$name" | tr ' /' '__').out"
  if timeout 120 "$@" >"$out" 2>&1; then
    printf '%s\tok\n' "$name" >>"$results"
    echo "ok    $name"
  else
    printf '%s\tFAIL\n' "$name" >>"$results"
    echo "FAIL  $name"
    sed 's/^/        /' "$out" | tail -5
  fi
}
value() { tail -n 1 "$workdir/$label.$(echo "$1" | tr ' /' '__').out"; }

# the operator's first hour, as admin in the admin project; every name carries a suffix so a real
# cloud's existing resources are never touched, and everything made is deleted at the end
checklist() {
  label="$1"
  results="$workdir/$label.results"
  : >"$results"
  local os=(openstack --os-cloud "$2") n="cli-check-$$"
  echo "== openstack CLI against $label"
  check "token issue" "${os[@]}" token issue -f value -c project_id
  check "catalog list" "${os[@]}" catalog list
  check "flavor list" "${os[@]}" flavor list
  check "flavor name" "${os[@]}" flavor list -f value -c Name --sort-column RAM
  local flavor; flavor="$(head -n 1 "$workdir/$label.flavor_name.out")"
  check "flavor show" "${os[@]}" flavor show "$flavor"
  check "image list" "${os[@]}" image list
  check "image name" "${os[@]}" image list -f value -c Name
  local image; image="$(head -n 1 "$workdir/$label.image_name.out")"
  check "image show" "${os[@]}" image show "$image"
  check "network list" "${os[@]}" network list
  check "network create" "${os[@]}" network create "$n-net" -f value -c id
  check "network show" "${os[@]}" network show "$n-net"
  check "subnet create" "${os[@]}" subnet create "$n-subnet" --network "$n-net" --subnet-range 10.199.0.0/24 -f value -c id
  check "subnet list" "${os[@]}" subnet list
  check "subnet show" "${os[@]}" subnet show "$n-subnet"
  check "router create" "${os[@]}" router create "$n-router" -f value -c id
  check "router add subnet" "${os[@]}" router add subnet "$n-router" "$n-subnet"
  check "router show" "${os[@]}" router show "$n-router"
  check "port create" "${os[@]}" port create "$n-port" --network "$n-net" -f value -c id
  check "port list" "${os[@]}" port list --network "$n-net"
  check "port show" "${os[@]}" port show "$n-port"
  check "security group create" "${os[@]}" security group create "$n-sg" -f value -c id
  check "security group rule create" "${os[@]}" security group rule create "$n-sg" --protocol tcp --dst-port 22 --remote-ip 10.0.0.0/8
  check "security group list" "${os[@]}" security group list
  check "security group show" "${os[@]}" security group show "$n-sg"
  check "keypair create" "${os[@]}" keypair create "$n-key" --private-key "$workdir/$label.key"
  check "keypair list" "${os[@]}" keypair list
  check "keypair show" "${os[@]}" keypair show "$n-key"
  check "volume create" "${os[@]}" volume create "$n-vol" --size 1 -f value -c id
  check "volume list" "${os[@]}" volume list
  check "volume show" "${os[@]}" volume show "$n-vol"
  check "server create" "${os[@]}" server create "$n-vm" --flavor "$flavor" --image "$image" --network "$n-net" \
    --key-name "$n-key" --security-group "$n-sg" --wait -f value -c id
  check "server list" "${os[@]}" server list
  check "server show" "${os[@]}" server show "$n-vm"
  check "server delete" "${os[@]}" server delete --wait "$n-vm"
  check "quota show" "${os[@]}" quota show
  check "limits show" "${os[@]}" limits show --absolute
  check "availability zone list" "${os[@]}" availability zone list
  check "hypervisor list" "${os[@]}" hypervisor list
  check "network agent list" "${os[@]}" network agent list
  check "volume delete" "${os[@]}" volume delete "$n-vol"
  check "keypair delete" "${os[@]}" keypair delete "$n-key"
  check "port delete" "${os[@]}" port delete "$n-port"
  check "router remove subnet" "${os[@]}" router remove subnet "$n-router" "$n-subnet"
  check "router delete" "${os[@]}" router delete "$n-router"
  check "security group delete" "${os[@]}" security group delete "$n-sg"
  check "subnet delete" "${os[@]}" subnet delete "$n-subnet"
  check "network delete" "${os[@]}" network delete "$n-net"
}

OS_CLIENT_CONFIG_FILE="$workdir/clouds.yaml" checklist emulator picloud-emulator
# the CLI can exit 0 on an empty answer: check some content as well
grep -qx "m1.tiny" "$workdir/emulator.flavor_name.out" || echo -e "flavor content\tFAIL" >>"$workdir/emulator.results"
grep -q "nova" "$workdir/emulator.availability_zone_list.out" || echo -e "availability zone content\tFAIL" >>"$workdir/emulator.results"
failed=$(grep -c $'\tFAIL$' "$workdir/emulator.results" || true)

real_cloud="${REAL_CLOUD:-}"
real_config="${OS_CLIENT_CONFIG_FILE:-}"
if [[ -z "$real_cloud" && "$(id -u)" == 0 ]] && "$repo/infra/openstack-dev/openstack-dev" status >/dev/null 2>&1; then
  eval "$("$repo/infra/openstack-dev/openstack-dev" env | grep -E '^export OS_(CLOUD|CLIENT_CONFIG_FILE)=')"
  real_cloud="$OS_CLOUD"
  real_config="$OS_CLIENT_CONFIG_FILE"
fi
if [[ -n "$real_cloud" ]]; then
  OS_CLIENT_CONFIG_FILE="$real_config" checklist real "$real_cloud"
  echo "== emulator against the real OpenStack ($real_cloud)"
  while IFS=$'\t' read -r name real_result; do
    emulator_result="$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$workdir/emulator.results")"
    if [[ "$real_result" == ok && "$emulator_result" != ok ]]; then
      echo "MISMATCH  $name: the real cloud answers it, the emulator does not"
      failed=$((failed + 1))
    elif [[ "$real_result" != ok && "$emulator_result" == ok ]]; then
      echo "note      $name: the emulator answers it, this real cloud does not (see its output above)"
    fi
  done <"$workdir/real.results"
else
  echo "== no real OpenStack answers here: compared with nothing (infra/openstack-dev sets one up)"
fi

total=$(wc -l <"$workdir/emulator.results")
echo "openstack CLI: $((total - failed)) of $total checks passed against the emulator at $url in $(($(date +%s) - started)) s"
[[ "$failed" == 0 ]]
