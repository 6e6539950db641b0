#!/usr/bin/env bash
# Run the whole site on this machine with nothing to install besides Python 3.11 (and npm):
# SQLite, database search, and a Celery worker on Kombu's filesystem transport, all under var/.
#
#   scripts/demo.sh            bootstrap, migrate, load the demo data, start the worker and the web server
#   scripts/demo.sh --no-load  the same, loading the demo data only into an empty site   (make run)
#
#   PORT=8000 HOST=127.0.0.1   where runserver listens
#   DEMO_USE_ENV=1             keep DATABASE_URL / REDIS_URL / CELERY_BROKER_URL / ELASTICSEARCH_URL and
#                              DJANGO_SETTINGS_MODULE from the environment (default: the embedded setup)
#   JIANGLIAN_VAR_DIR=<dir>    where the database, uploads, queue and logs live (default: var/)
#
# Ctrl-C (or SIGTERM) stops everything this script started: each child runs in its own process
# group and the whole group is stopped, nothing else.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[demo] %s\n' "$*" >&2; }
die() { printf '[demo] ERROR: %s\n' "$*" >&2; exit 1; }

LOAD=1
for arg in "$@"; do
  case "$arg" in
    --no-load) LOAD=0 ;;
    -h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $arg (usage: scripts/demo.sh [--no-load])" ;;
  esac
done

PORT="${PORT:-8000}"
HOST="${HOST:-127.0.0.1}"
[[ "$PORT" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$PORT'"

if [ "${DEMO_USE_ENV:-0}" != 1 ]; then
  # the embedded default, even in a shell where the test services' variables are exported
  unset DATABASE_URL REDIS_URL CELERY_BROKER_URL CELERY_RESULT_BACKEND ELASTICSEARCH_URL
  export DJANGO_SETTINGS_MODULE=config.settings.dev
else
  export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
fi
export PYTHONUNBUFFERED=1

VAR_DIR="${JIANGLIAN_VAR_DIR:-$ROOT/var}"
LOG_DIR="$VAR_DIR/log"
WORKER_LOG="$LOG_DIR/celery-worker.log"

# ---------------------------------------------------------------- process bookkeeping
SERVER_PID="" WORKER_PID="" MIRROR_PID=""

# alive = the leader or some process of its group is running (zombies, exited but not yet reaped, do not count)
group_alive() {
  [ -n "${1:-}" ] || return 1
  ps -eo pid=,pgid=,stat= | awk -v g="$1" '($1 == g || $2 == g) && $3 !~ /^Z/ { found = 1 } END { exit !found }'
}

stop_group() {  # stop_group PGID [first-signal-target-pid]
  local pgid="$1" first="${2:-}" i
  group_alive "$pgid" || return 0
  if [ -n "$first" ]; then kill -TERM "$first" 2>/dev/null || true; else kill -TERM -- "-$pgid" 2>/dev/null || true; fi
  for ((i = 0; i < 100; i++)); do  # up to 10 s for a warm shutdown
    group_alive "$pgid" || return 0
    sleep 0.1
  done
  log "process group $pgid did not stop in 10 s: killing it"
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT
  trap "" INT TERM HUP  # a second signal (make forwards SIGTERM to its child) must not cut the cleanup short
  set +e               # nor a failed write to a terminal that is already gone
  if [ -n "$SERVER_PID$WORKER_PID$MIRROR_PID" ]; then
    log "stopping web server and Celery worker ..."
    stop_group "$SERVER_PID"
    stop_group "$WORKER_PID" "$WORKER_PID"  # the worker's main process first: it shuts its pool down
    stop_group "$MIRROR_PID"
    wait 2>/dev/null || true
    log "stopped"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Each child gets its own session (setsid) and so its own process group, whose id is the child's pid:
# stopping the group reaches the autoreloader's child and the worker's pool, and a Ctrl-C in the
# terminal reaches only this script. (setsid would fork, and $! not be the leader, only if it were
# called by a group leader: a background child of this script never is.)
#   start_group VAR command...   starts command and stores its pid (= its process group id) in VAR
start_group() {
  local var="$1"
  shift
  setsid "$@" </dev/null &
  printf -v "$var" '%s' "$!"
}

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

# ---------------------------------------------------------------- prepare
scripts/bootstrap.sh
PY=.venv/bin/python

port_in_use && die "port $PORT on $HOST is already in use: stop that server or choose another port, e.g. PORT=8001 make demo"

mkdir -p "$VAR_DIR/celery/queue" "$VAR_DIR/celery/processed" "$VAR_DIR/celery/control" "$VAR_DIR/media" "$LOG_DIR"

log "migrate"
"$PY" manage.py migrate --noinput -v0

# make run (--no-load): a new site (a fresh clone) still gets the demo content once; a site with data is left alone
load_args=()
[ "$LOAD" = 1 ] || load_args=(--if-empty)
log "load_demo_data ${load_args[*]}"
load_output="$("$PY" manage.py load_demo_data "${load_args[@]}")"
printf '%s\n' "${load_output%%$'\n\n'*}"  # the summary; the logins table is printed once all is up
logins="${load_output#*$'\n\n'}"
log "search_rebuild"
"$PY" manage.py search_rebuild | tail -n 1  # the site search finds the demo courses and talks at once

# ---------------------------------------------------------------- start
log "starting the Celery worker (queues default, transcode; log: ${WORKER_LOG#"$ROOT"/})"
: >"$WORKER_LOG"
start_group WORKER_PID .venv/bin/celery -A config worker -Q default,transcode -c 2 -l info -n "demo@%h" \
  -B -s "$VAR_DIR/celerybeat-schedule" >>"$WORKER_LOG" 2>&1
# shellcheck disable=SC2016  # $0 and $1 are the inner shell's arguments
start_group MIRROR_PID bash -c 'tail -n +1 -F --pid="$0" "$1" 2>/dev/null | sed -u "s/^/[worker] /"' \
  "$WORKER_PID" "$WORKER_LOG"

log "starting the web server on http://$HOST:$PORT/"
start_group SERVER_PID "$PY" manage.py runserver "$HOST:$PORT"

URL="http://$HOST:$PORT/"
ready=0
for ((i = 0; i < 120; i++)); do
  group_alive "$SERVER_PID" || die "the web server exited during start-up (see its output above)"
  group_alive "$WORKER_PID" || die "the Celery worker exited during start-up: see ${WORKER_LOG#"$ROOT"/}"
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "${URL}healthz" 2>/dev/null && ready=1 && break
  else
    port_in_use && ready=1 && break
  fi
  sleep 0.5
done
[ "$ready" = 1 ] || log "the web server did not answer ${URL}healthz within a minute; it may still be starting"

cat <<EOF

================================================================================
  匠联学堂 is running:   $URL
  Studios:               ${URL}studios/
  Courses:               ${URL}courses/
  Lectures and salons:   ${URL}talks/
  Admin (Wagtail):       ${URL}admin/
  API docs:              ${URL}api/v1/docs/
  Celery worker log:     ${WORKER_LOG#"$ROOT"/}   (e-mails are printed there)

$(printf '%s\n' "$logins" | sed 's/^/  /')

  Every demo account uses the same password; log in with the username or mobile.
  Press Ctrl-C to stop the web server and the worker.
================================================================================

EOF

# ---------------------------------------------------------------- run until Ctrl-C or a child dies
while :; do
  group_alive "$SERVER_PID" || { log "the web server stopped"; exit 1; }
  group_alive "$WORKER_PID" || { log "the Celery worker stopped: see ${WORKER_LOG#"$ROOT"/}"; exit 1; }
  sleep 1
done
