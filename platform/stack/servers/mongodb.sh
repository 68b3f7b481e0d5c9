# MongoDB wire protocol on loopback: a real `mongod` when one is on PATH, otherwise FerretDB 1.x
# (Go module proxy) on its SQLite backend, so no PostgreSQL is needed. Contract: see servers/redis.sh.
FERRETDB_VERSION=v1.24.2
# shellcheck source=../lib/runtime.sh
. "$STACK_ROOT/lib/runtime.sh"

mongodb_external() { is_external MONGODB_URL; }

mongodb_install() {
  # The readiness check is a `ping` through the project's driver on the pinned Node.
  ensure_runtime >&2 || return 1
  [ -d "$STACK_ROOT/node_modules/mongodb" ] || ensure_workspace_deps || return 1
  command -v mongod >/dev/null || ferretdb_install
}

# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds, but that binary panics at
# start: FerretDB requires a build/version/version.txt that its release process generates and the
# published module lacks. So the module source is copied out of the module cache, given that file,
# and built there.
ferretdb_install() {
  local gopath="$STACK_CACHE/go" src="$STACK_CACHE/go/src/ferretdb-$FERRETDB_VERSION"
  [ -x "$gopath/bin/ferretdb" ] && return 0
  (
    flock 9 # a concurrent `stack up` waits for this build instead of racing it
    [ -x "$gopath/bin/ferretdb" ] && exit 0
    log "building ferretdb $FERRETDB_VERSION from the Go module proxy (first run only)"
    export GOPATH="$gopath" GOFLAGS=-mod=mod
    module_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$module_dir" ] || { log "mongodb: FerretDB $FERRETDB_VERSION not in the module cache"; exit 1; }
    rm -rf "$src" && mkdir -p "$(dirname "$src")" && cp -R "$module_dir" "$src" && chmod -R u+w "$src" || exit 1
    echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
    cd "$src" && go build -o "$gopath/bin/ferretdb" ./cmd/ferretdb
  ) 9>"$STACK_CACHE/ferretdb-$FERRETDB_VERSION.lock"
}

mongodb_start() {
  local host port
  host=$(url_host "$MONGODB_URL") port=$(url_port "$MONGODB_URL")
  if command -v mongod >/dev/null; then
    mkdir -p "$STACK_DATA/mongodb"
    spawn mongodb mongod --bind_ip "$host" --port "$port" --dbpath "$STACK_DATA/mongodb"
  else
    mkdir -p "$STACK_DATA/ferretdb/sqlite"
    # --debug-addr=- turns off the metrics/pprof listener (default 127.0.0.1:8088, clash-prone).
    spawn mongodb "$STACK_CACHE/go/bin/ferretdb" --listen-addr="$host:$port" --handler=sqlite \
      --sqlite-url="file:$STACK_DATA/ferretdb/sqlite/" --state-dir="$STACK_DATA/ferretdb" \
      --telemetry=disable --debug-addr=- --log-level=warn
  fi
}

# A real `ping` command over the wire protocol, not just an open port (checked first: it costs no Node start).
mongodb_ready() {
  port_open "$(url_host "$MONGODB_URL")" "$(url_port "$MONGODB_URL")" || return 1
  (cd "$STACK_ROOT" && timeout 10 "$RUNTIME_DIR/node_modules/node/bin/node" -e '
    const { MongoClient } = require("mongodb");
    const client = new MongoClient(process.argv[1], { serverSelectionTimeoutMS: 2000 });
    client.db("admin").command({ ping: 1 })
      .then((r) => process.exit(r.ok === 1 ? 0 : 1), () => process.exit(1))
      .finally(() => client.close());
  ' "$MONGODB_URL") >/dev/null 2>&1
}
# Stops polling as soon as the server process has exited. Two minutes: on a loaded 2-core machine a FerretDB
# restarted under load (the fault suite) answered its first ping after more than one.
mongodb_ready_or_exited() { ! is_running mongodb || mongodb_ready; }
mongodb_wait() {
  wait_for 120 mongodb mongodb_ready_or_exited || return 1
  is_running mongodb || { log "mongodb: server process exited"; return 1; }
}
mongodb_provision() { :; }
mongodb_address() { echo "$MONGODB_URL"; }
