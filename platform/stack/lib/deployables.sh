# The platform's own deployables (services, gateway, apps) listed in services.txt ("name dir port" a line,
# in start order). `npm start` runs them for people, `npm test` for the browser and end-to-end suites.
# Needs lib/common.sh and the stack environment (`eval "$(stack env)"`).

load_deployables() {
  mapfile -t DEPLOYABLES < <(grep -vE '^\s*(#|$)' "$STACK_ROOT/services.txt" 2>/dev/null || true)
}

has_script() { node -e 'process.exit(require(process.argv[1]).scripts?.[process.argv[2]] ? 0 : 1)' "$REPO_ROOT/$1/package.json" "$2"; }

# Demo data: every deployable with a `seed` script, in file order (idempotent).
seed_deployables() {
  local line name dir
  for line in "${DEPLOYABLES[@]}"; do
    read -r name dir _ <<<"$line"
    if has_script "$dir" seed; then
      log "seeding $name"
      pnpm --silent --dir "$dir" seed || { log "seeding $name failed"; return 1; }
    fi
  done
}

# Starts the deployables not yet running (`pnpm --dir <dir> start` with PORT) and waits until each is ready:
# the tenant services first, then the rest in file order, since the gateway composes its supergraph from the
# services it reaches at start and the apps need the gateway.
start_deployables() {
  local line name dir port subgraphs=() services=() edge=()
  for line in "${DEPLOYABLES[@]}"; do
    read -r name dir port <<<"$line"
    if [[ "$dir" == tenant-services/* ]]; then
      subgraphs+=("$name=http://127.0.0.1:$port")
      services+=("$line")
    else
      edge+=("$line")
    fi
  done
  # The gateway composes every tenant service listed here, unless the caller chose its SUBGRAPHS.
  export SUBGRAPHS="${SUBGRAPHS:-$(IFS=,; echo "${subgraphs[*]}")}"
  launch_and_wait "${services[@]}" || return 1
  for line in "${edge[@]}"; do launch_and_wait "$line" || return 1; done
  # The gateway serves /metrics on its internal port only (GATEWAY_INTERNAL_PORT, default 4009).
  "$STACK_ROOT/stack" targets $(for line in "${DEPLOYABLES[@]}"; do
    read -r name _ port <<<"$line"
    [ "$name" = gateway ] && port="${GATEWAY_INTERNAL_PORT:-4009}"
    printf '%s=127.0.0.1:%s ' "$name" "$port"
  done)
}

# launch_and_wait "name dir port"... -> starts them together, then waits until every one answers /health/ready.
launch_and_wait() {
  local line name dir port
  for line in "$@"; do
    read -r name dir port <<<"$line"
    is_running "app-$name" && continue
    if [[ "$dir" == tenant-services/* || "$dir" == platform/gateway ]]; then
      # SERVICE_NODE_OPTIONS (defaults.env) reaches the service's node through pnpm (ADR 0057).
      PORT="$port" NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }${SERVICE_NODE_OPTIONS:-}" \
        spawn "app-$name" pnpm --silent --dir "$dir" start
    else
      PORT="$port" spawn "app-$name" pnpm --silent --dir "$dir" start
    fi
  done
  for line in "$@"; do
    read -r name dir port <<<"$line"
    if ! wait_for 180 "$name" curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready"; then
      log "$name did not become ready; last log lines:"
      tail -n 30 "$STACK_LOGS/app-$name.log" >&2 || true
      return 1
    fi
  done
}

stop_deployables() {
  local line name
  for line in "${DEPLOYABLES[@]}"; do
    read -r name _ <<<"$line"
    stop_process "app-$name"
  done
}

print_deployables() {
  local line name port
  for line in "${DEPLOYABLES[@]}"; do
    read -r name _ port <<<"$line"
    printf '  %-14s http://127.0.0.1:%s\n' "$name" "$port"
  done
}
