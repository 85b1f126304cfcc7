#!/usr/bin/env bash
# Checks the observability files: the alert rules and their unit tests with promtool (Debian package
# "prometheus") when it is installed, else a YAML parse; the Grafana dashboard parses as JSON.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if command -v promtool >/dev/null; then
  promtool check rules alerts.yml
  promtool test rules alerts.test.yml
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  cp prometheus.yml alerts.yml "$scratch/"
  mkdir -p "$scratch/secrets" && echo placeholder > "$scratch/secrets/scrape-token"
  promtool check config "$scratch/prometheus.yml"
else
  echo "promtool not installed (apt-get install prometheus): YAML parse only"
  python3 -c 'import sys, yaml; [yaml.safe_load(open(f)) for f in sys.argv[1:]]' prometheus.yml alerts.yml alerts.test.yml
fi
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("dashboard:", d["title"], "-", len(d["panels"]), "panels")' \
  grafana/picloud-operations.json
