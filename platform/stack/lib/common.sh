# Shared helpers for the local stack: state folders, process supervision, readiness waits.
# Every server module in ../servers/<name>.sh uses only these to install, start and stop itself.
STACK_ROOT="${STACK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
REPO_ROOT="${REPO_ROOT:-$(cd "$STACK_ROOT/../.." && pwd)}"

# Downloads and builds live outside the clone so a fresh clone on the same machine reuses them.
STACK_CACHE="${STACK_CACHE:-$HOME/.cache/marketplace-stack}"
# Everything a running stack writes (data, logs, pid files) lives here; `reset` removes it.
STACK_HOME="${STACK_HOME:-$REPO_ROOT/.stack}"
STACK_DATA="$STACK_HOME/data"
STACK_LOGS="$STACK_HOME/logs"
STACK_RUN="$STACK_HOME/run"
mkdir -p "$STACK_CACHE" "$STACK_DATA" "$STACK_LOGS" "$STACK_RUN"

log() { printf '%s %s\n' "[stack]" "$*" >&2; }
die() { printf '%s %s\n' "[stack] error:" "$*" >&2; exit 1; }

# port_open HOST PORT -> 0 when something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for SECONDS DESCRIPTION COMMAND... -> polls COMMAND until it succeeds or time runs out.
wait_for() {
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$what not ready after ${seconds}s"
      return 1
    fi
    sleep 0.5
  done
}

pidfile() { echo "$STACK_RUN/$1.pid"; }

# is_running NAME -> 0 when the process that `up` started for NAME is alive.
is_running() {
  local f; f=$(pidfile "$1")
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# spawn NAME COMMAND... -> starts COMMAND detached, logs to $STACK_LOGS/NAME.log, records its pid.
spawn() {
  local name="$1"; shift
  setsid "$@" >>"$STACK_LOGS/$name.log" 2>&1 < /dev/null &
  echo $! >"$(pidfile "$name")"
}

# stop_process NAME -> stops the process group `spawn` started (TERM, then KILL after 20 s).
stop_process() {
  local name="$1" f pid
  f=$(pidfile "$name")
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

# apt_install PACKAGE... -> installs the Debian packages that are missing (apt-get update once).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ ! -f "$STACK_CACHE/.apt-updated" ] || [ -n "$(find "$STACK_CACHE/.apt-updated" -mmin +1440)" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && touch "$STACK_CACHE/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# go_install MODULE@VERSION BINARY -> builds a Go tool into $STACK_CACHE/go/bin once.
go_install() {
  local module="$1" bin="$2"
  export GOPATH="$STACK_CACHE/go" GOFLAGS="-mod=mod"
  if [ ! -x "$GOPATH/bin/$bin" ]; then
    log "building $bin from $module (first run only)"
    go install "$module" || return 1
  fi
}

# newest_jdk -> prints the JAVA_HOME of the newest JDK under /usr/lib/jvm (Keycloak needs 21+).
newest_jdk() { ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V | tail -1 | sed 's:/$::'; }

# venv_install PACKAGE VERSION -> installs a PyPI tool once into its own venv $STACK_CACHE/venv/PACKAGE-VERSION
# (outside the clone, reused by later runs) and prints that venv's bin folder.
venv_install() {
  local package="$1" version="$2" venv="$STACK_CACHE/venv/$1-$2"
  if [ ! -f "$venv/.complete" ]; then
    (
      flock 9
      [ -f "$venv/.complete" ] && exit 0
      log "installing $package $version from PyPI into $venv (first run only)"
      rm -rf "$venv" && python3 -m venv "$venv" &&
        "$venv/bin/pip" install --quiet --disable-pip-version-check "$package==$version" &&
        touch "$venv/.complete"
    ) 9>"$STACK_CACHE/venv-$package.lock" || return 1
  fi
  echo "$venv/bin"
}
