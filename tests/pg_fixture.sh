# Sourced by the PostgreSQL archive tests (tests/pg_archive_test.sh,
# tests/dask_test.sh) and scripts/bench_pg.sh:
#   start_postgres
# starts a throwaway PostgreSQL server (initdb and pg_ctl in a new temporary
# folder, listening on a Unix socket there only: no TCP port, so no clash with
# another server or test) and sets $pg_bin (its programs), $pg_socket and
# $pg_server (postgresql://postgres@/postgres?host=SOCKET). new_database NAME
# creates a database and sets $pg_url to it. The server refuses to run as
# root: as root, it runs as the postgres user (runuser), in a folder owned by
# it. The server is stopped and its folder removed when the shell exits, also
# on failure; a caller adds its own clean-up as the function cleanup_more.
#
# Without the server's programs (Debian's postgresql package, installed by
# setup.sh) the test is skipped (exit 77), except under CI=true, where it fails.
pg_bin=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && pg_bin=$d
done
if [ -z "$pg_bin" ]; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL: no PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql/*/bin; run ./setup.sh"
    exit 1
  fi
  echo "SKIP: no PostgreSQL server programs (apt-get install postgresql, or ./setup.sh)"
  exit 77
fi
pg_socket=""
pg_started=""
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
pg_cleanup() {
  local rc=$?
  declare -F cleanup_more > /dev/null && cleanup_more
  if [ -n "$pg_started" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_socket/data" -m immediate -w stop > /dev/null 2>&1 || true
  fi
  [ -n "$pg_socket" ] && rm -rf "$pg_socket"
  return $rc
}
trap pg_cleanup EXIT
start_postgres() {
  # A short path: a Unix socket's path must fit in 107 bytes.
  pg_socket="$(mktemp -d /tmp/sitrep-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_socket"
  if ! as_postgres "$pg_bin/initdb" -D "$pg_socket/data" -U postgres -A trust -E UTF8 --locale=C \
      > "$pg_socket/initdb.log" 2>&1; then
    echo "FAIL: initdb failed:"
    cat "$pg_socket/initdb.log"
    exit 1
  fi
  # A test server: no durability needed, so no fsync.
  if ! as_postgres "$pg_bin/pg_ctl" -D "$pg_socket/data" -l "$pg_socket/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $pg_socket -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
      start > /dev/null; then
    echo "FAIL: the PostgreSQL server did not start:"
    cat "$pg_socket/server.log"
    exit 1
  fi
  pg_started=1
  pg_server="postgresql://postgres@/postgres?host=$pg_socket"
}
psql_do() {
  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}
new_database() {
  psql_do "$pg_server" -c "CREATE DATABASE \"$1\"" > /dev/null
  pg_url="postgresql://postgres@/$1?host=$pg_socket"
}
