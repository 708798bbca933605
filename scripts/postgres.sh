# Start a throw-away PostgreSQL server for the tests; source this file, then call
# start_postgres (it exports LOYALTY_IDENTITY_TEST_POSTGRES_URL and stops the
# server when the shell exits). Installs Debian's postgresql package if needed.
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

find_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_postgres() {
  local bin
  bin=$(find_pg_bin)
  if [ -z "$bin" ]; then
    echo "== installing PostgreSQL (Debian package postgresql)"
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL is not installed and installing it needs root: apt-get install postgresql" >&2
      return 1
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(find_pg_bin)
  fi
  local as=()
  PG_DIR=$(mktemp -d /tmp/loyalty-identity-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  # Tests: durability is not under test, speed is welcome. The benchmark
  # (PG_DURABLE=1) keeps PostgreSQL's durable defaults, as production would.
  local fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ -n "${PG_DURABLE:-}" ] && fast=""
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 $fast" \
    start >/dev/null
  PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop)
  trap stop_postgres EXIT
  export LOYALTY_IDENTITY_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ]; then
    "${PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}
