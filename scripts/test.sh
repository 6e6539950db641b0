#!/usr/bin/env bash
# The single test entry point: real services up, venv in place, lint + migrations check + pytest.
#
#   scripts/test.sh [pytest args...]
#
# Services this script started are stopped on exit; KEEP_SERVICES=1 leaves them running
# (services that were already up before the run are never stopped).
# Exit status: the first failing check's, otherwise pytest's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SERVICES="$ROOT/scripts/services.sh"

step() { printf '\n==> %s\n' "$*" >&2; }

step "services: install"
"$SERVICES" install

# Remember which services were down before `up`, so that exactly those are stopped afterwards.
STARTED=()
for svc in pg redis es; do
  "$SERVICES" status "$svc" >/dev/null 2>&1 || STARTED+=("$svc")
done
cleanup() {
  local rc=$?
  if [ "${KEEP_SERVICES:-0}" != 1 ] && [ "${#STARTED[@]}" -gt 0 ]; then
    step "services: down ${STARTED[*]}"
    "$SERVICES" down "${STARTED[@]}" || true
  fi
  return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "services: up"
"$SERVICES" up
eval "$("$SERVICES" env)"
"$SERVICES" status

# .venv, node_modules and compiled translations. bootstrap.sh keeps its own stamps (pyproject.toml,
# package*.json) and is a ~1 s no-op when nothing changed, so it runs every time: a check on
# pyproject.toml alone would miss a changed package.json.
step "bootstrap: scripts/bootstrap.sh --dev"
[ -x scripts/bootstrap.sh ] || { echo "scripts/bootstrap.sh is missing or not executable" >&2; exit 1; }
scripts/bootstrap.sh --dev

export DJANGO_SETTINGS_MODULE=config.settings.test

step "ruff check"
.venv/bin/ruff check .

step "lint-imports"
.venv/bin/lint-imports

step "makemigrations --check"
.venv/bin/python manage.py makemigrations --check --dry-run --settings=config.settings.test

step "pytest $*"
rc=0
.venv/bin/pytest "$@" || rc=$?
exit "$rc"
