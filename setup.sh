#!/usr/bin/env bash
# Sets sitrep up on Debian 12: installs the Debian packages it needs (as root,
# or through sudo), builds it into build/, and runs it on the example article.
set -euo pipefail
cd "$(dirname "$0")"

packages=(cmake g++ make libgtest-dev libgmock-dev libbenchmark-dev python3 libsqlite3-dev zlib1g-dev libzstd-dev libgumbo-dev libcpp-httplib-dev pkg-config)
# sitrep serve's tests: the web view in headless Chromium, the load test with wrk
# and curl (also scripts/serve_bench.sh).
packages+=(chromium wrk curl)
# The PostgreSQL archive: libpq to build, the server for its tests (a throwaway
# one each, tests/pg_fixture.sh), and Dask for integrations/dask (its tests run
# Debian's /usr/bin/python3, which sees python3-distributed).
packages+=(libpq-dev postgresql python3-distributed)
# The fuzz and sanitizer tests (ctest -L fuzz; scripts/fuzz.sh, scripts/sanitize.sh):
# clang with libFuzzer and the sanitizer runtimes.
packages+=(clang libclang-rt-14-dev)
# Node.js drives Chromium (playwright-core from npm). A machine that has a node
# and npm already (NodeSource's node 20 here) keeps them; else Debian's.
command -v npm > /dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# playwright-core for the end-to-end test, as pinned in tests/e2e/package-lock.json
# (installed again when the pin changes).
if ! (cd tests/e2e && node -e "const p = require('./package-lock.json').packages['node_modules/playwright-core'];
    process.exit(require('./node_modules/playwright-core/package.json').version === p.version ? 0 : 1)" 2> /dev/null); then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"

echo "setup: sitrep is built at build/sitrep; its record of examples/haliva-resigns.txt:"
build/sitrep extract --date 2024-04-22 examples/haliva-resigns.txt
