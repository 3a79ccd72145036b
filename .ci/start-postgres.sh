#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 and makes sure the `relance` role and test database exist.
# Prints the connection URL on stdout. Idempotent: safe to run when already started.
# RELANCE_FRESH_DB=1 recreates the test database first.
set -euo pipefail
PGUSER_NAME=relance
PGPASS=relance
PGDB=relance_test
if ! pg_lsclusters 2>/dev/null | grep -q '^15 *main .*online'; then
  pg_ctlcluster 15 main start >&2
fi
for _ in $(seq 1 30); do
  if runuser -u postgres -- psql -qtAc 'select 1' >/dev/null 2>&1; then break; fi
  sleep 1
done
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA >&2 <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '${PGUSER_NAME}') then
    create role ${PGUSER_NAME} login password '${PGPASS}' createdb;
  end if;
end \$\$;
SQL
# RELANCE_FRESH_DB=1 (CI) starts from an empty test database, so every migration is applied as
# committed (a database migrated by an earlier, different version of a migration would hide it).
if [ "${RELANCE_FRESH_DB:-0}" = "1" ]; then
  runuser -u postgres -- dropdb --if-exists --force "${PGDB}" >&2
fi
if ! runuser -u postgres -- psql -qtAc "select 1 from pg_database where datname = '${PGDB}'" | grep -q 1; then
  runuser -u postgres -- createdb -O "${PGUSER_NAME}" "${PGDB}" >&2
fi
echo "postgres://${PGUSER_NAME}:${PGPASS}@127.0.0.1:5432/${PGDB}"
