# Puts the project's pinned Node.js 24 and pnpm first on PATH, installing them on first use.
# Sourced by every project script; the machine's own Node (20) is too old for Angular 22 and the Kafka client.
STACK_ROOT="${STACK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
REPO_ROOT="${REPO_ROOT:-$(cd "$STACK_ROOT/../.." && pwd)}"
RUNTIME_DIR="$STACK_ROOT/runtime"

ensure_runtime() {
  local pinned_node
  pinned_node="$(sed -n 's/.*"node": *"\([0-9.]*\)".*/\1/p' "$RUNTIME_DIR/package.json")"
  # Reinstall also when the pin moved (Angular 22 needs Node >= 24.15).
  if [ ! -x "$RUNTIME_DIR/node_modules/.bin/pnpm" ] || [ ! -x "$RUNTIME_DIR/node_modules/.bin/node" ] ||
    [ "$("$RUNTIME_DIR/node_modules/.bin/node" --version 2>/dev/null)" != "v$pinned_node" ]; then
    echo "runtime: installing pinned Node.js $pinned_node and pnpm"
    (cd "$RUNTIME_DIR" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  export PATH="$RUNTIME_DIR/node_modules/node/bin:$RUNTIME_DIR/node_modules/.bin:$PATH"
  export npm_config_update_notifier=false
}

ensure_workspace_deps() {
  local stamp="$REPO_ROOT/node_modules/.install-stamp"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/pnpm-lock.yaml" -nt "$stamp" ]; then
    echo "workspace: installing dependencies (pnpm install --frozen-lockfile)"
    (cd "$REPO_ROOT" && pnpm install --frozen-lockfile --reporter=append-only) || return 1
    touch "$stamp"
  fi
}
