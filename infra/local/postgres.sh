# shellcheck shell=bash
# The project-local PostgreSQL 15 cluster: installed from Debian's packages when missing, kept under .hub/pg,
# bound to 127.0.0.1 on a free port, password-protected (SCRAM). Sourced by ./hub; needs ROOT and HUB_DIR.

PG_VERSION=15
PG_BIN=${PG_BIN:-/usr/lib/postgresql/$PG_VERSION/bin}
PG_LINK="$HUB_DIR/pg"
PG_ENV="$HUB_DIR/pg.env"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

pg_install() {
  [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && return 0
  echo "hub: installing PostgreSQL $PG_VERSION from Debian's packages" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "postgresql-$PG_VERSION" "postgresql-client-$PG_VERSION" >&2
  [ -x "$PG_BIN/initdb" ] || { echo "hub: PostgreSQL $PG_VERSION did not install ($PG_BIN/initdb missing)" >&2; return 1; }
}

# initdb and postgres refuse to run as root: as root we run them as the postgres system user.
pg_run() {
  # From /, which the postgres user can always enter (the checkout may be under a private home).
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Where the cluster lives. As root the postgres user must reach it; if the checkout's parents are closed to that
# user (a clone under /root, say), the cluster goes under /var/lib/postgresql and .hub/pg links to it.
pg_home() {
  if [ -L "$PG_LINK" ] || [ -d "$PG_LINK" ]; then readlink -f "$PG_LINK"; return; fi
  mkdir -p "$HUB_DIR"
  if [ "$(id -u)" -ne 0 ]; then mkdir -p "$PG_LINK"; echo "$PG_LINK"; return; fi
  mkdir -p "$PG_LINK" && chown postgres:postgres "$PG_LINK"
  if runuser -u postgres -- test -w "$PG_LINK"; then echo "$PG_LINK"; return; fi
  rmdir "$PG_LINK"
  local elsewhere
  elsewhere="/var/lib/postgresql/integrationhub-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
  mkdir -p "$elsewhere" && chown postgres:postgres "$elsewhere"
  ln -s "$elsewhere" "$PG_LINK"
  echo "$elsewhere"
}

pg_load_env() {
  # shellcheck disable=SC1090
  [ -f "$PG_ENV" ] && . "$PG_ENV"
}

pg_init() {
  pg_install || return 1
  local home; home=$(pg_home)
  [ -f "$home/data/PG_VERSION" ] && [ -f "$PG_ENV" ] && return 0
  if [ -f "$home/data/PG_VERSION" ]; then
    # A cluster whose password file is gone (a deleted .hub or checkout at the same path left it under
    # /var/lib/postgresql): nothing can log in to it any more, so it is replaced.
    echo "hub: $home/data has no $PG_ENV (its password); replacing that cluster" >&2
    pg_run "$PG_BIN/pg_ctl" -D "$home/data" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$home/data"
  fi
  echo "hub: creating the local PostgreSQL cluster in $home/data" >&2
  local password; password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  local pwfile="$home/.pwfile"
  printf '%s\n' "$password" > "$pwfile"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pwfile"
  pg_run "$PG_BIN/initdb" -D "$home/data" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 >"$home/initdb.log" 2>&1 \
    || { rm -f "$pwfile"; echo "hub: initdb failed, see $home/initdb.log" >&2; return 1; }
  rm -f "$pwfile"
  printf 'PG_PORT=%s\nPG_PASSWORD=%s\n' "$(free_port 55432)" "$password" > "$PG_ENV"
  chmod 600 "$PG_ENV"
}

pg_running() {
  local home; home=$(pg_home)
  [ -f "$home/data/PG_VERSION" ] && pg_run "$PG_BIN/pg_ctl" -D "$home/data" status >/dev/null 2>&1
}

# The server logs an error's message only: its detail, context and statement can quote the data being written (a record's
# text), and nothing personal may reach a log.
pg_start() {
  pg_init || return 1
  pg_load_env
  pg_running && return 0
  local home; home=$(pg_home)
  if port_in_use "$PG_PORT"; then
    local port; port=$(free_port "$PG_PORT")
    echo "hub: port $PG_PORT is taken; the local PostgreSQL moves to $port" >&2
    sed -i "s/^PG_PORT=.*/PG_PORT=$port/" "$PG_ENV"
    PG_PORT=$port
  fi
  pg_run "$PG_BIN/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 \
       -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=15min \
       -c log_error_verbosity=terse -c log_min_error_statement=panic ${HUB_PG_OPTIONS:-}" start >/dev/null \
    || { echo "hub: PostgreSQL did not start; see $home/postgres.log" >&2; tail -n 20 "$home/postgres.log" >&2; return 1; }
}

pg_stop() {
  pg_running || return 0
  local home; home=$(pg_home)
  pg_run "$PG_BIN/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null
}

# A connection string for one database of the local cluster.
pg_connection() {
  pg_load_env
  printf 'Host=127.0.0.1;Port=%s;Username=postgres;Password=%s;Database=%s' "$PG_PORT" "$PG_PASSWORD" "$1"
}

pg_psql() {
  pg_load_env
  PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

pg_ensure_database() {
  local name=$1
  [ "$(pg_psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" = 1 ] \
    || pg_psql -d postgres -c "CREATE DATABASE $name" >/dev/null
}
