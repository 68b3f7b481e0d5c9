# Keycloak (Quarkus distribution from Maven Central) on loopback, H2 file database under
# $STACK_DATA/keycloak, realm `marketplace` provisioned from platform/identity/realm/.
# Contract: see servers/redis.sh.
KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.7.3}"
KEYCLOAK_HOME="$STACK_CACHE/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-19000}"
# Build-time options: `kc.sh build` bakes them into the distribution once (Quarkus augmentation);
# `start --optimized` then skips the slow re-augmentation on every start.
KEYCLOAK_BUILD_OPTIONS=(--db=dev-file --health-enabled=true --features=organization)

keycloak_external() { is_external KEYCLOAK_URL; }

# keycloak_java_home -> JAVA_HOME of the newest JDK under /usr/lib/jvm whose major version is >= 21.
keycloak_java_home() {
  local dir major
  for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV); do
    [ -x "$dir/bin/java" ] && [ -f "$dir/release" ] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$dir"; return 0; fi
  done
  return 1
}

keycloak_install() {
  keycloak_java_home >/dev/null || { log "keycloak: needs a JDK 21+ under /usr/lib/jvm"; return 1; }
  local stamp="$KEYCLOAK_HOME/.built-with"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${KEYCLOAK_BUILD_OPTIONS[*]}" ] && return 0
  command -v mvn >/dev/null || apt_install maven
  command -v unzip >/dev/null || apt_install unzip
  # Concurrent `stack up` runs share the cache: one downloads and builds, the others wait.
  (
    flock 9
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${KEYCLOAK_BUILD_OPTIONS[*]}" ] && exit 0
    if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
      log "keycloak: downloading keycloak-quarkus-dist $KEYCLOAK_VERSION from Maven Central (first run only)"
      local tmp; tmp=$(mktemp -d "$STACK_CACHE/keycloak-dl.XXXXXX")
      mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$tmp" \
        && unzip -q "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$tmp" \
        && rm -rf "$KEYCLOAK_HOME" && mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
      local rc=$?; rm -rf "$tmp"; [ $rc -eq 0 ] || exit 1
    fi
    log "keycloak: building the optimized server (first run only)"
    JAVA_HOME="$(keycloak_java_home)" "$KEYCLOAK_HOME/bin/kc.sh" build "${KEYCLOAK_BUILD_OPTIONS[@]}" \
      >>"$STACK_LOGS/keycloak-build.log" 2>&1 || { log "keycloak: build failed, see $STACK_LOGS/keycloak-build.log"; exit 1; }
    echo "${KEYCLOAK_BUILD_OPTIONS[*]}" >"$stamp"
  ) 9>"$STACK_CACHE/keycloak.lock"
}

keycloak_start() {
  mkdir -p "$STACK_DATA/keycloak"
  # The bootstrap admin only applies when the master realm is first created. Brute-force detection
  # stays on for failed logins, but concurrent successful logins of one user (parallel tests, a
  # service refreshing tokens) must not lock the account, which Keycloak does by default.
  JAVA_HOME="$(keycloak_java_home)" \
  JAVA_OPTS_KC_HEAP="-Xms128m -Xmx640m" \
  KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
    spawn keycloak "$KEYCLOAK_HOME/bin/kc.sh" start --optimized \
      --http-enabled=true --http-host="$(url_host "$KEYCLOAK_URL")" --http-port="$(url_port "$KEYCLOAK_URL")" \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
      --hostname="$KEYCLOAK_URL" --cache=local \
      --db-url="jdbc:h2:file:$STACK_DATA/keycloak/keycloakdb;NON_KEYWORDS=VALUE" \
      --spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true \
      --log-console-output=default
}

keycloak_discovery_url() { echo "${KEYCLOAK_URL%/}/realms/${1:-$KEYCLOAK_REALM}/.well-known/openid-configuration"; }
keycloak_master_ready() { curl -fsS -o /dev/null --max-time 5 "$(keycloak_discovery_url master)"; }
keycloak_ready() { curl -fsS -o /dev/null --max-time 5 "$(keycloak_discovery_url)"; }

# Waits for the server (master realm); `_provision` then creates the marketplace realm that `_ready` checks.
# Stops polling as soon as the server process has exited (bad config, port taken).
keycloak_master_ready_or_exited() { ! is_running keycloak || keycloak_master_ready; }
keycloak_wait() {
  # The first start creates the database schema: a few minutes on 2 cores, more on a loaded machine (a private
  # stack, e.g. the fault suite's, starts from an empty database every run).
  wait_for 600 keycloak keycloak_master_ready_or_exited || return 1
  is_running keycloak || { log "keycloak: server process exited"; return 1; }
}

# Realm, client scopes and demo data from platform/identity (TypeScript, compiled with the repo's tsc).
keycloak_provision() {
  . "$STACK_ROOT/lib/runtime.sh"
  ensure_runtime >/dev/null || return 1
  # Install only when missing: `up` must not fail on a lockfile others are editing.
  if [ ! -x "$REPO_ROOT/node_modules/.bin/tsc" ] || [ ! -d "$REPO_ROOT/platform/identity/node_modules/zod" ]; then
    ensure_workspace_deps >/dev/null || return 1
  fi
  # Concurrent `stack up` runs provision one after the other.
  (
    flock 9
    cd "$REPO_ROOT" && pnpm exec tsc -p platform/identity/tsconfig.build.json \
      && node platform/identity/dist/scripts/provision.js
  ) 9>"$STACK_RUN/keycloak-provision.lock"
}

keycloak_address() { echo "$KEYCLOAK_URL (realm $KEYCLOAK_REALM, admin $KEYCLOAK_ADMIN_USER)"; }
