#!/usr/bin/env bash
# Run a command against PostgreSQL: the server at TEST_DATABASE_URL when set, otherwise a
# throwaway cluster (C.UTF-8, so pg_trgm makes trigrams from Arabic script) started here on
# loopback and stopped afterwards. Its shared_buffers are 1 GB, as a server would be tuned: with
# the default 128 MB a million people's tables and indexes (1.5 GB) do not fit, and page timings
# swing by a third from one run to the next with what happens to be cached.
set -euo pipefail

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  DATABASE_URL="$TEST_DATABASE_URL" exec "$@"
fi

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL binaries missing: installing Debian's postgresql package…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

PGDATA="$(mktemp -d /tmp/homeward-pg.XXXXXX)"
PGPORT="${PGPORT:-$((20000 + RANDOM % 20000))}"
as_owner() {
  # initdb refuses to run as root, so the cluster belongs to the postgres user.
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    chown postgres "$PGDATA"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
stop() {
  if [ -f "$PGDATA/postmaster.pid" ]; then
    kill -INT "$(head -1 "$PGDATA/postmaster.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [ -f "$PGDATA/postmaster.pid" ] || break; sleep 0.1; done
  fi
  rm -rf "$PGDATA"
}
trap stop EXIT

as_owner "$PG_BIN/initdb" -D "$PGDATA" --locale=C.UTF-8 -E UTF8 -U postgres --auth=trust >/dev/null
as_owner "$PG_BIN/postgres" -D "$PGDATA" -c listen_addresses=127.0.0.1 -p "$PGPORT" -k "$PGDATA" \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB >"$PGDATA.log" 2>&1 &
for _ in $(seq 100); do
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" && break
  sleep 0.1
done
"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" || { cat "$PGDATA.log" >&2; exit 1; }

"$PG_BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres homeward
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/homeward"
set +e
"$@"
status=$?
set -e
exit $status
