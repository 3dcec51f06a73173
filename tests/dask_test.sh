#!/usr/bin/env bash
# The Dask driver against a real PostgreSQL server and a LocalCluster of 2
# worker processes, one killed mid-run (tests/dask_test.py).
#   dask_test.sh SITREP CORPUS.jsonl...
# Needs Debian's python3-distributed, seen by /usr/bin/python3 (a pyenv python3
# on PATH does not see Debian's packages), and the postgresql package: skips
# (77) without either, except under CI=true, where it fails.
set -euo pipefail
sitrep=$1
shift
python=/usr/bin/python3
if ! "$python" -c "import distributed" 2> /dev/null; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL: $python cannot import distributed; run ./setup.sh (python3-distributed)"
    exit 1
  fi
  echo "SKIP: no Dask for $python (apt-get install python3-distributed, or ./setup.sh)"
  exit 77
fi
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/pg_fixture.sh"
start_postgres
new_database dask
"$python" "$here/dask_test.py" "$sitrep" "$pg_url" "$pg_bin/psql" "$@"
