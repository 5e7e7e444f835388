#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server: a new cluster (Debian's initdb/pg_ctl from
# /usr/lib/postgresql/*/bin) in a temporary directory on a free local port, TEST_DATABASE_URL pointing at it, removed
# when the command ends however it ends. Used by .ci/run; locally: `scripts/with-postgres.sh npm test`, or
# `scripts/with-postgres.sh npx vitest run --project postgres`. Run as root, the server runs as the unprivileged
# `postgres` user (initdb refuses root).
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL no está instalado (Debian: apt-get install -y postgresql)." >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/foros-pg.XXXXXX")
port=${FOROS_PG_PORT:-$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")}
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# A test server: no durability (the cluster is deleted at the end), enough connections for the test workers' pools.
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL temporal en el puerto $port ($("$bin/postgres" --version))."
set +e
"$@"
status=$?
exit $status
