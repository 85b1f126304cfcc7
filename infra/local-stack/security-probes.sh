#!/usr/bin/env bash
# Probes a running local stack (./picloud up, catalogue seeded: ./picloud seed-catalog) for the holes
# of docs/security.md, as a user with curl would: prints each probe's HTTP status and problem title,
# exit status non-zero if one answered other than expected.
#   infra/local-stack/security-probes.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
catalog=http://localhost:8081 order=http://localhost:8082
admin="$(./picloud token catalog-admin)" agent="$(./picloud token agent-police)"
failures=0

probe() { # name expected-status actual-status body
  local verdict=ok
  [[ "$3" == "$2" ]] || { verdict=UNEXPECTED; failures=$((failures + 1)); }
  printf '%-72s %s (expected %s) %s  %s\n' "$1" "$3" "$2" "$verdict" "$(jq -rc '.title // .detail // .rejected // empty' <<<"$4" 2>/dev/null | head -c 160)"
}
call() { # curl arguments...: prints "status body"
  local out; out="$(mktemp)"
  local status; status="$(curl -s -o "$out" -w '%{http_code}' "$@")"
  echo "$status $(tr -d '\n' <"$out")"; rm -f "$out"
}

# 1. a feed whose schema leaves a priced count unbounded: the row is rejected with its reason
line="$(head -1 catalog-service/src/main/resources/seed/demo-catalog.jsonl \
  | jq -c '.code = "probe-unbounded-count" | del(.parameterSchema.properties.instanceCount.maximum)')"
read -r status body < <(call -X POST "$catalog/api/v1/offerings/import" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/jsonl' --data-binary "$line")
rejected="$(jq -r '.rejected' <<<"$body")"
probe "feed row with an unbounded instanceCount: rejected rows = $rejected ($(jq -r '.errors[0].message' <<<"$body" | head -c 60)...)" 1 "$rejected" "$body"

# 2. a quote for 1,073,741,825 instances of the reference VM stack
offering="$(curl -s "$catalog/api/v1/offerings?q=vm-stack" -H "Authorization: Bearer $agent" | jq -r '[.items[] | select(.code == "vm-stack")][0].id')"
read -r status body < <(call -X POST "$catalog/api/v1/offerings/$offering/quote" -H "Authorization: Bearer $agent" \
  -H 'Content-Type: application/json' \
  --data '{"parameters": {"flavor": "m1.large", "diskGb": 10, "image": "debian-12", "instanceCount": 1073741825, "floatingIp": false}}')
probe "quote of 1,073,741,825 m1.large instances" 422 "$status" "$body"

# 3. the metrics with an agent's token
read -r status body < <(call "$order/actuator/prometheus" -H "Authorization: Bearer $agent")
probe "GET /actuator/prometheus as agent-police" 403 "$status" "$body"

# 4. a 20 MB body, to every service
big="$(mktemp)"; head -c 20000000 /dev/zero | tr '\0' 'a' | sed 's/^/{"a":"/; s/$/"}/' >"$big"
for port in 8081 8082 8083 8084 8085 8086; do
  read -r status body < <(call -X POST "http://localhost:$port/api/v1/probe" -H "Authorization: Bearer $agent" \
    -H 'Content-Type: application/json' --data-binary "@$big")
  probe "20 MB body to :$port" 413 "$status" "$body"
done
rm -f "$big"

# 5. a token the issuer signed for another audience
other="$(curl -s -X POST "http://localhost:9000/local/accounts/agent-police/tokens?audience=another-client" | jq -r '.access_token // empty')"
if [[ -n "$other" ]]; then
  read -r status body < <(call "$order/api/v1/orders" -H "Authorization: Bearer $other")
  probe "GET /api/v1/orders with a token for audience another-client" 401 "$status" "$body"
else
  echo "token for another audience: the local issuer mints none on request (see TokenAudienceIT)"
fi

echo "$failures unexpected answer(s)"
exit $(( failures > 0 ))
