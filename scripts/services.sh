#!/usr/bin/env bash
# Real-services harness for the test suite: PostgreSQL, Redis and Elasticsearch on loopback,
# with all data under <repo>/.services/ (gitignored).
#
#   scripts/services.sh install          system packages (apt) + Elasticsearch from Maven Central
#   scripts/services.sh up   [svc...]    start (or reuse) services; svc = pg | redis | es
#   scripts/services.sh down [svc...]    stop only what `up` started (pidfiles under .services/)
#   scripts/services.sh status [svc...]  exit 0 only if every named service is up and healthy
#   scripts/services.sh env              eval "$(scripts/services.sh env)"
#
# Overridable: PG_PORT (25432) REDIS_PORT (26379) ES_PORT (29200) ES_TRANSPORT_PORT (29300…29399)
# (below 32768, outside Linux's ephemeral port range: a client socket can never hold them when they start)
#              ES_VERSION (8.19.4) SERVICES_DIR (<repo>/.services) SVC_USER (jianglian-svc, root only)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${PG_PORT:-25432}"
REDIS_PORT="${REDIS_PORT:-26379}"
ES_PORT="${ES_PORT:-29200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-29300}"
ES_VERSION="${ES_VERSION:-8.19.4}"
MVN_DEP_PLUGIN="${MVN_DEP_PLUGIN:-org.apache.maven.plugins:maven-dependency-plugin:3.8.1}"
SVC_USER="${SVC_USER:-jianglian-svc}"
DB_NAME=jianglian DB_USER=jianglian DB_PASSWORD=jianglian
ALL_SERVICES=(pg redis es)

set_paths() {
  SVC_DIR="${SERVICES_DIR:-$ROOT/.services}"
  # .services may be a symlink (see ensure_svc_user): hand the services the real path.
  if [ -L "$SVC_DIR" ]; then SVC_DIR="$(readlink -f "$SVC_DIR")"; fi
  PG_DIR="$SVC_DIR/pg"
  REDIS_DIR="$SVC_DIR/redis"
  ES_DIR="$SVC_DIR/es"
  ES_HOME="$SVC_DIR/elasticsearch-$ES_VERSION"
}
set_paths

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------- helpers
pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -n "$d" ] && [ -x "$d/postgres" ]; then echo "$d"; return; fi
  if command -v postgres >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v postgres)")"; return; fi
  return 1
}

java_home() {
  local j
  j="$(command -v java)" || return 1
  dirname "$(dirname "$(readlink -f "$j")")"
}

# Run a command as the unprivileged service user (root) or as ourselves (non-root).
as_svc() {
  if is_root; then runuser -u "$SVC_USER" -- "$@"; else "$@"; fi
}

ensure_svc_user() {
  is_root || return 0
  if ! id -u "$SVC_USER" >/dev/null 2>&1; then
    log "creating system user $SVC_USER (PostgreSQL and Elasticsearch refuse to run as root)"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SVC_USER"
  fi
  # Every parent of the data dir must be traversable by the service user. A checkout under a
  # private dir (e.g. /root) cannot host it: keep the data in /var/tmp and link .services to it.
  local parent; parent="$(dirname "$SVC_DIR")"
  if ! runuser -u "$SVC_USER" -- test -x "$parent"; then
    [ -z "${SERVICES_DIR:-}" ] || die "user $SVC_USER cannot reach $parent (set SERVICES_DIR to a world-traversable dir)"
    local real; real="/var/tmp/jianglian-services-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)"
    log "user $SVC_USER cannot reach $ROOT: keeping service data in $real (linked from .services)"
    mkdir -p "$real"
    chmod 755 "$real"
    if [ -d "$ROOT/.services" ] && [ ! -L "$ROOT/.services" ]; then
      cp -a "$ROOT/.services/." "$real/" && rm -rf "$ROOT/.services"
    fi
    ln -sfn "$real" "$ROOT/.services"
    set_paths
  fi
}

# Make a dir owned by the service user.
svc_mkdir() {
  mkdir -p "$@"
  if is_root; then chown "$SVC_USER:" "$@"; fi
}

# pid_alive PID [COMM]: the process exists, is not a zombie and (if given) its command name is COMM,
# so that a stale pidfile whose pid was recycled by an unrelated process is not mistaken for ours.
pid_alive() {
  local pid="${1:-}" want="${2:-}" stat comm
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  stat="$(ps -o stat= -p "$pid" 2>/dev/null)" || return 1
  case "$stat" in Z*|"") return 1 ;; esac
  if [ -n "$want" ]; then
    comm="$(ps -o comm= -p "$pid" 2>/dev/null)"
    [ "$comm" = "$want" ] || return 1
  fi
}
read_pid() { [ -s "$1" ] && head -n1 "$1" | tr -dc '0-9' || true; }

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# require_free_port PORT VARNAME: a just-killed server may take a few seconds to release its port.
require_free_port() {
  local port="$1" var="$2" deadline=$((SECONDS + 15))
  while port_in_use "$port"; do
    [ "$SECONDS" -lt "$deadline" ] || die "port $port is in use by something else (set $var)"
    sleep 1
  done
}

# Logs are appended to across runs: LOG_OFFSET (bytes, set just before a start) hides older runs.
LOG_OFFSET=0
log_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

show_log() {
  local f="$1" off="${3:-$LOG_OFFSET}"
  if [ -f "$f" ]; then
    [ "$(log_size "$f")" -ge "$off" ] || off=0
    printf '[services] ---- last lines of %s ----\n' "$f" >&2
    tail -c +"$((off + 1))" "$f" | tail -n "${2:-40}" >&2 || true
    printf '[services] ----\n' >&2
  else
    log "(no log file at $f)"
  fi
}

# wait_for NAME TIMEOUT_S LOGFILE CMD...
wait_for() {
  local name="$1" timeout="$2" logf="$3"; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name did not become healthy within ${timeout}s"
      show_log "$logf" 60
      return 1
    fi
    sleep 1
  done
}

# reuse_if_alive NAME PID COMM TIMEOUT LOGFILE HEALTHCMD: 0 = running and healthy (reuse it),
# 1 = not running (start it); dies if the process is alive but never becomes healthy.
reuse_if_alive() {
  local name="$1" pid="$2" comm="$3" timeout="$4" logf="$5" health="$6"
  pid_alive "$pid" "$comm" || return 1
  if ! "$health" >/dev/null 2>&1; then
    log "$name: pid $pid is alive but not healthy yet, waiting up to ${timeout}s"
    wait_for "$name" "$timeout" "$logf" "$health" \
      || die "$name (pid $pid) is alive but unhealthy; inspect the log above, or: scripts/services.sh down"
  fi
  return 0
}

check_services_arg() {
  local s
  for s in "$@"; do
    case "$s" in pg|redis|es) ;; *) die "unknown service '$s' (expected: ${ALL_SERVICES[*]})";; esac
  done
}

# ---------------------------------------------------------------- install
cmd_install() {
  local pkgs=()
  pg_bin >/dev/null 2>&1 || pkgs+=(postgresql)
  command -v psql >/dev/null 2>&1 || pkgs+=(postgresql-client)
  command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || pkgs+=(redis-tools)
  { command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || pkgs+=(ffmpeg)
  [ -x /usr/bin/chromium ] || pkgs+=(chromium)
  [ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed' || pkgs+=(fonts-noto-cjk)
  # WeasyPrint (certificate PDFs) loads Pango through cffi
  { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libpango-1.0.so.0' || pkgs+=(libpango-1.0-0)
  { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || pkgs+=(libpangoft2-1.0-0)
  command -v java >/dev/null 2>&1 || pkgs+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
  command -v msgfmt >/dev/null 2>&1 || pkgs+=(gettext)
  command -v unzip >/dev/null 2>&1 || pkgs+=(unzip)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  command -v ps >/dev/null 2>&1 || pkgs+=(procps)
  # bench/heartbeat.py: HTTP load generator in C, so the load does not eat the server's CPU
  command -v wrk >/dev/null 2>&1 || pkgs+=(wrk)

  if [ "${#pkgs[@]}" -gt 0 ]; then
    if ! is_root; then
      log "missing system packages; as root run:"
      echo "  apt-get update && apt-get install -y --no-install-recommends ${pkgs[*]}"
      exit 1
    fi
    log "apt-get install: ${pkgs[*]}"
    # Keep package maintainer scripts from starting system-wide daemons (redis on 6379 ...).
    local made_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
    fi
    local rc=0
    { DEBIAN_FRONTEND=noninteractive apt-get update -q \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"; } || rc=$?
    [ "$made_policy" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
    [ "$rc" -eq 0 ] || die "apt-get failed (exit $rc)"
  else
    log "system packages: all present"
  fi

  ensure_svc_user
  install_es
}

install_es() {
  if [ -x "$ES_HOME/bin/elasticsearch" ]; then
    log "elasticsearch $ES_VERSION: present at $ES_HOME"
    return 0
  fi
  mkdir -p "$SVC_DIR/downloads"
  local zip="$SVC_DIR/downloads/elasticsearch-$ES_VERSION.zip"
  if [ ! -s "$zip" ]; then
    log "downloading elasticsearch $ES_VERSION (integ-test-zip) from Maven Central"
    mvn -q -B -Dstyle.color=never "$MVN_DEP_PLUGIN:copy" \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$SVC_DIR/downloads" -Dmdep.overWriteReleases=true >"$SVC_DIR/downloads/mvn.log" 2>&1 \
      || { show_log "$SVC_DIR/downloads/mvn.log"
           die "mvn could not fetch org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"; }
    [ -s "$zip" ] || die "expected $zip after mvn dependency:copy"
  fi
  local tmp
  tmp="$(mktemp -d "$SVC_DIR/.unzip.XXXXXX")"
  unzip -q "$zip" -d "$tmp"
  [ -x "$tmp/elasticsearch-$ES_VERSION/bin/elasticsearch" ] || { rm -rf "$tmp"; die "unexpected zip layout in $zip"; }
  rm -rf "$ES_HOME"
  mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
  rmdir "$tmp"
  rm -f "$zip"  # Maven keeps its own copy in ~/.m2
  log "elasticsearch $ES_VERSION unpacked into $ES_HOME"
}

# ---------------------------------------------------------------- PostgreSQL
pg_data() { echo "$PG_DIR/data"; }
pg_sock() {
  # A unix socket path is limited to 107 bytes; fall back to /tmp for very deep checkouts.
  local d="$PG_DIR/run"
  if [ "$(( ${#d} + 20 ))" -gt 100 ]; then
    d="/tmp/jianglian-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)"
  fi
  echo "$d"
}
pg_pid() { read_pid "$(pg_data)/postmaster.pid"; }
pg_healthy() {
  "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres
}
pg_running() { pid_alive "$(pg_pid)" postgres && pg_healthy; }

pg_psql() {
  "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_sock)" -p "$PG_PORT" -U postgres "$@"
}

pg_up() {
  local bin data sock logf
  bin="$(pg_bin)" || die "PostgreSQL server binaries not found; run: scripts/services.sh install"
  data="$(pg_data)"; sock="$(pg_sock)"; logf="$PG_DIR/postgres.log"
  if reuse_if_alive postgres "$(pg_pid)" postgres 60 "$logf" pg_healthy; then
    log "postgres: already running (pid $(pg_pid), port $PG_PORT)"
  else
    svc_mkdir "$PG_DIR" "$sock"
    if [ ! -s "$data/PG_VERSION" ]; then
      log "postgres: initdb into $data"
      svc_mkdir "$data"
      chmod 700 "$data"
      (cd "$PG_DIR" && as_svc "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1) \
        || { show_log "$PG_DIR/initdb.log"; die "initdb failed"; }
      cat >>"$data/postgresql.conf" <<EOF

# --- jianglian test harness (scripts/services.sh) ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
    fi
    local have_ver want_ver
    have_ver="$(cat "$data/PG_VERSION")"; want_ver="$("$bin/postgres" --version | grep -oE '[0-9]+' | head -n1)"
    [ "$have_ver" = "$want_ver" ] || die "$data is a PostgreSQL $have_ver cluster but binaries are $want_ver; remove $PG_DIR"
    # Stale postmaster.pid from a killed server: pg_ctl handles it, but make sure the port is ours.
    require_free_port "$PG_PORT" PG_PORT
    log "postgres: starting on 127.0.0.1:$PG_PORT"
    LOG_OFFSET="$(log_size "$logf")"
    # (cd: the service user may not be allowed into the caller's cwd)
    (cd "$PG_DIR" && as_svc "$bin/pg_ctl" -D "$data" -l "$logf" -w -t 60 \
      -o "-c port=$PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$sock" start >/dev/null) \
      || { show_log "$logf"; die "postgres failed to start"; }
    wait_for postgres 60 "$logf" pg_healthy || die "postgres is not healthy"
  fi
  # Role + database (idempotent).
  pg_psql -d postgres <<SQL || die "could not create role/database $DB_NAME"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN SUPERUSER CREATEDB PASSWORD '$DB_PASSWORD';
  ELSE
    ALTER ROLE $DB_USER LOGIN SUPERUSER CREATEDB PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;
SQL
  if [ -z "$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]; then
    pg_psql -d postgres -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" || die "CREATE DATABASE failed"
  fi
  log "postgres: healthy"
}

pg_down() {
  local bin data pid
  data="$(pg_data)"; pid="$(pg_pid)"
  if ! pid_alive "$pid" postgres; then log "postgres: not running"; return 0; fi
  bin="$(pg_bin)"
  log "postgres: stopping (pid $pid)"
  (cd "$PG_DIR" && as_svc "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null) || {
    log "postgres: pg_ctl stop failed, sending SIGQUIT"; kill -QUIT "$pid" 2>/dev/null || true; }
}

# ---------------------------------------------------------------- Redis
redis_pidfile() { echo "$REDIS_DIR/redis.pid"; }
redis_healthy() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }
redis_running() { pid_alive "$(read_pid "$(redis_pidfile)")" redis-server && redis_healthy; }

redis_up() {
  command -v redis-server >/dev/null 2>&1 || die "redis-server not found; run: scripts/services.sh install"
  if reuse_if_alive redis "$(read_pid "$(redis_pidfile)")" redis-server 30 "$REDIS_DIR/redis.log" redis_healthy; then
    log "redis: already running (pid $(read_pid "$(redis_pidfile)"), port $REDIS_PORT)"; return 0
  fi
  svc_mkdir "$REDIS_DIR"
  rm -f "$(redis_pidfile)"
  require_free_port "$REDIS_PORT" REDIS_PORT
  log "redis: starting on 127.0.0.1:$REDIS_PORT"
  local logf="$REDIS_DIR/redis.log"
  LOG_OFFSET="$(log_size "$logf")"
  # The service user cannot cd into root-only cwd; run from the redis dir.
  (cd "$REDIS_DIR" && as_svc redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
      --daemonize yes --pidfile "$(redis_pidfile)" --logfile "$logf" --dir "$REDIS_DIR" \
      --save '' --appendonly no) || { show_log "$logf"; die "redis-server failed to start"; }
  wait_for redis 30 "$logf" redis_healthy || die "redis is not healthy"
  log "redis: healthy"
}

redis_down() {
  local pid; pid="$(read_pid "$(redis_pidfile)")"
  if ! pid_alive "$pid" redis-server; then log "redis: not running"; rm -f "$(redis_pidfile)"; return 0; fi
  log "redis: stopping (pid $pid)"
  stop_pid "$pid" 15
  rm -f "$(redis_pidfile)"
}

# ---------------------------------------------------------------- Elasticsearch
es_pidfile() { echo "$ES_DIR/es.pid"; }
es_url() { echo "http://127.0.0.1:$ES_PORT"; }
es_healthy() {
  curl -fs --max-time 5 "$(es_url)/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1
}
es_running() { pid_alive "$(read_pid "$(es_pidfile)")" java && es_healthy; }

es_up() {
  [ -x "$ES_HOME/bin/elasticsearch" ] || die "elasticsearch $ES_VERSION not unpacked at $ES_HOME; run: scripts/services.sh install"
  if reuse_if_alive elasticsearch "$(read_pid "$(es_pidfile)")" java 180 "$ES_DIR/logs/jianglian-test.log" es_healthy; then
    log "elasticsearch: already running (pid $(read_pid "$(es_pidfile)"), port $ES_PORT)"; return 0
  fi
  local jh; jh="$(java_home)" || die "java not found; run: scripts/services.sh install"
  svc_mkdir "$ES_DIR" "$ES_DIR/data" "$ES_DIR/logs" "$ES_DIR/tmp"
  # ES writes its keystore into config/ on first start: the service user must own ES_HOME.
  if is_root && [ "$(stat -c %U "$ES_HOME/config")" != "$SVC_USER" ]; then chown -R "$SVC_USER:" "$ES_HOME"; fi
  rm -f "$(es_pidfile)"
  require_free_port "$ES_PORT" ES_PORT
  # Nothing connects to the transport port of a single node, and a fixed one can be taken by a client
  # socket's ephemeral port at the wrong moment: let ES take the first free port of a small range.

  local opts=(
    -E "cluster.name=jianglian-test" -E "node.name=jianglian-es"
    -E "discovery.type=single-node" -E "network.host=127.0.0.1"
    -E "http.port=$ES_PORT" -E "transport.port=$ES_TRANSPORT_PORT-$((ES_TRANSPORT_PORT + 99))"
    -E "path.data=$ES_DIR/data" -E "path.logs=$ES_DIR/logs"
    -E "cluster.routing.allocation.disk.threshold_enabled=false"
  )
  # The integ-test-zip ships x-pack-core + x-pack-security (whose defaults want TLS and passwords) but
  # no ML or geoip; pass a module's setting only if the module exists, as ES rejects unknown settings.
  if [ -d "$ES_HOME/modules/x-pack-security" ]; then opts+=(-E "xpack.security.enabled=false"); fi
  if [ -d "$ES_HOME/modules/x-pack-ml" ]; then opts+=(-E "xpack.ml.enabled=false"); fi
  if [ -d "$ES_HOME/modules/ingest-geoip" ]; then opts+=(-E "ingest.geoip.downloader.enabled=false"); fi

  log "elasticsearch: starting on 127.0.0.1:$ES_PORT (java: $jh)"
  local logf="$ES_DIR/logs/jianglian-test.log" out="$ES_DIR/startup.log"
  LOG_OFFSET="$(log_size "$logf")"
  # ES_JAVA_HOME (not JAVA_HOME, which ES ignores with a warning): the integ-test-zip has no bundled JDK.
  (cd "$ES_DIR" && as_svc env -u JAVA_HOME ES_JAVA_HOME="$jh" ES_TMPDIR="$ES_DIR/tmp" \
      ES_JAVA_OPTS="-Xms512m -Xmx512m ${ES_EXTRA_JAVA_OPTS:-}" \
      "$ES_HOME/bin/elasticsearch" -d -p "$(es_pidfile)" "${opts[@]}" >"$out" 2>&1) || {
    show_log "$out" 40 0; show_log "$logf"; die "elasticsearch failed to start"; }
  wait_for elasticsearch 180 "$logf" es_healthy || { show_log "$out" 20 0; die "elasticsearch is not healthy"; }
  log "elasticsearch: healthy"
}

es_down() {
  local pid; pid="$(read_pid "$(es_pidfile)")"
  if ! pid_alive "$pid" java; then log "elasticsearch: not running"; rm -f "$(es_pidfile)"; return 0; fi
  log "elasticsearch: stopping (pid $pid)"
  stop_pid "$pid" 60
  rm -f "$(es_pidfile)"
}

# stop_pid PID TIMEOUT_S: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local pid="$1" timeout="$2" deadline
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$((SECONDS + timeout))
  while pid_alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "pid $pid still alive after ${timeout}s, sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; break
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local svcs=("$@"); [ "${#svcs[@]}" -gt 0 ] || svcs=("${ALL_SERVICES[@]}")
  check_services_arg "${svcs[@]}"
  ensure_svc_user
  mkdir -p "$SVC_DIR"
  local s
  for s in "${svcs[@]}"; do "${s}_up"; done
}

cmd_down() {
  local svcs=("$@"); [ "${#svcs[@]}" -gt 0 ] || svcs=(es redis pg)
  check_services_arg "${svcs[@]}"
  local s
  for s in "${svcs[@]}"; do "${s}_down"; done
}

cmd_status() {
  local svcs=("$@"); [ "${#svcs[@]}" -gt 0 ] || svcs=("${ALL_SERVICES[@]}")
  check_services_arg "${svcs[@]}"
  local s rc=0 desc
  for s in "${svcs[@]}"; do
    case "$s" in
      pg) desc="postgres       127.0.0.1:$PG_PORT pid=$(pg_pid)" ;;
      redis) desc="redis          127.0.0.1:$REDIS_PORT pid=$(read_pid "$(redis_pidfile)")" ;;
      es) desc="elasticsearch  127.0.0.1:$ES_PORT pid=$(read_pid "$(es_pidfile)")" ;;
    esac
    if (pg_bin >/dev/null 2>&1 || [ "$s" != pg ]) && "${s}_running" 2>/dev/null; then
      echo "up    $desc"
    else
      echo "down  $desc"; rc=1
    fi
  done
  return "$rc"
}

cmd_env() {
  local redis_url="redis://127.0.0.1:$REDIS_PORT/0"
  echo "export DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
  echo "export REDIS_URL=$redis_url"
  echo "export CELERY_BROKER_URL=$redis_url"
  echo "export ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT"
}

main() {
  local cmd="${1:-}"; shift || true
  case "$cmd" in
    install) cmd_install "$@" ;;
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    env) cmd_env "$@" ;;
    *) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
