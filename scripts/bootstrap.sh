#!/usr/bin/env bash
# Prepare a checkout for running: .venv (Python 3.11) with the project installed, the front-end
# packages from npm, and compiled translations. Idempotent; with nothing changed a re-run takes a second.
#
#   scripts/bootstrap.sh [--dev]     --dev also installs the test and lint tools (pip install -e ".[dev]")
#
# Environment: PYTHON=/path/to/python3.11 to choose the interpreter for a new .venv.
# pip runs again only when pyproject.toml changed since the last install (stamp: .venv/.bootstrap-stamp),
# npm only when package.json / package-lock.json changed (stamp: node_modules/.bootstrap-stamp).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[bootstrap] %s\n' "$*" >&2; }
warn() { printf '[bootstrap] WARNING: %s\n' "$*" >&2; }
die() { printf '[bootstrap] ERROR: %s\n' "$*" >&2; exit 1; }

DEV=0
for arg in "$@"; do
  case "$arg" in
    --dev) DEV=1 ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $arg (usage: scripts/bootstrap.sh [--dev])" ;;
  esac
done

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }

# ---------------------------------------------------------------- Python 3.11 virtualenv
is_py311() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; }

if [ ! -x .venv/bin/python ]; then
  py="${PYTHON:-}"
  if [ -z "$py" ]; then
    for candidate in python3.11 python3; do
      if command -v "$candidate" >/dev/null 2>&1 && is_py311 "$candidate"; then py="$candidate"; break; fi
    done
  fi
  [ -n "$py" ] || die "Python 3.11 not found. Install it (Debian/Ubuntu: apt-get install python3.11 python3.11-venv; or pyenv install 3.11) or set PYTHON=/path/to/python3.11"
  is_py311 "$py" || die "$py is not Python 3.11"
  log "creating .venv with $("$py" --version 2>&1)"
  "$py" -m venv .venv || die "could not create .venv (Debian/Ubuntu: apt-get install python3.11-venv)"
fi
is_py311 .venv/bin/python || die ".venv is not Python 3.11: remove it (rm -rf .venv) and run this again"

# ---------------------------------------------------------------- Python packages
PIP_STAMP=.venv/.bootstrap-stamp
want_hash="$(hash_of pyproject.toml)"
have_hash="" have_dev=0
if [ -f "$PIP_STAMP" ]; then
  read -r have_hash have_dev <"$PIP_STAMP" || true
fi
if [ "$have_hash" = "$want_hash" ] && { [ "$DEV" = 0 ] || [ "${have_dev:-0}" = 1 ]; }; then
  log "Python packages up to date"
else
  target="."
  [ "$DEV" = 1 ] && target=".[dev]"
  log "pip install -e \"$target\""
  .venv/bin/python -m pip install --disable-pip-version-check --quiet -e "$target"
  installed_dev="$DEV"
  # a non-dev re-install keeps the dev tools of an earlier --dev install, at possibly older versions
  printf '%s %s\n' "$want_hash" "$installed_dev" >"$PIP_STAMP"
fi

# ---------------------------------------------------------------- front-end packages (npm)
if [ -f package.json ]; then
  NPM_STAMP=node_modules/.bootstrap-stamp
  want_npm="$(hash_of package.json package-lock.json)"
  if [ -d node_modules/htmx.org ] && [ "$(cat "$NPM_STAMP" 2>/dev/null || true)" = "$want_npm" ]; then
    log "npm packages up to date"
  elif command -v npm >/dev/null 2>&1; then
    if [ -f package-lock.json ]; then
      log "npm ci"
      npm ci --no-audit --no-fund --loglevel=error
    else
      log "npm install (writes package-lock.json: commit it)"
      npm install --no-audit --no-fund --loglevel=error
    fi
    hash_of package.json package-lock.json >"$NPM_STAMP"
  elif [ -d node_modules/htmx.org ]; then
    warn "npm not found; keeping the existing node_modules/ (install Node.js and npm to refresh it)"
  else
    warn "npm not found: the site runs, but without htmx its interactive parts do not."
    warn "Install Node.js 18+ and npm (Debian/Ubuntu: apt-get install nodejs npm), then run this again."
  fi
fi

# ---------------------------------------------------------------- translations
po_files=()
while IFS= read -r -d '' po; do po_files+=("$po"); done < <(
  find . \( -path ./.venv -o -path ./node_modules -o -path ./.services -o -path ./var -o -path ./.git \) -prune \
    -o -path '*/LC_MESSAGES/*.po' -type f -print0
)
if [ "${#po_files[@]}" -gt 0 ]; then
  if command -v msgfmt >/dev/null 2>&1; then
    compiled=0
    for po in "${po_files[@]}"; do
      mo="${po%.po}.mo"
      if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
        msgfmt --check-format -o "$mo" "$po"
        compiled=$((compiled + 1))
      fi
    done
    log "translations: $compiled of ${#po_files[@]} catalogue(s) compiled"
  else
    warn "msgfmt not found (Debian/Ubuntu: apt-get install gettext): using the committed .mo files"
  fi
fi

log "ready"
