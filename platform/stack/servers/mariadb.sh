# MariaDB (MySQL protocol) from Debian's package, run as our own process on loopback with data under
# $STACK_DATA/mariadb; the package's system service on 3306 is never used. Contract: see servers/redis.sh.
MARIADB_DIR="$STACK_DATA/mariadb"
MARIADB_SOCKET="$STACK_RUN/mariadb.sock"
# One database per MySQL-backed service; tests create their own databases next to these.
MARIADB_DATABASES=(tenants inventory orders payments webhooks notifications)

mariadb_external() { is_external MYSQL_URL; }

# Parts of MYSQL_URL (mysql://user:password@host:port[/db]); user and password may be %-encoded.
mariadb_url_decode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }
mariadb_user() { local a="${MYSQL_URL#*://}"; a="${a%%@*}"; mariadb_url_decode "${a%%:*}"; }
mariadb_password() { local a="${MYSQL_URL#*://}"; a="${a%%@*}"; mariadb_url_decode "${a#*:}"; }
# SQL string literal for a value (quotes and backslashes escaped).
mariadb_quote() { local s="${1//\\/\\\\}"; printf "'%s'" "${s//\'/\'\'}"; }

mariadb_install() {
  { command -v mariadbd && command -v mariadb-admin; } >/dev/null || apt_install mariadb-server mariadb-client
}

mariadb_start() {
  (
    flock 9
    # Another `stack up` may have started it while this one waited for the lock.
    is_running mariadb && exit 0
    if [ ! -d "$MARIADB_DIR/mysql" ]; then
      log "mariadb: initialising data directory (first run only)"
      mkdir -p "$MARIADB_DIR"
      mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$MARIADB_DIR" --skip-test-db \
        >>"$STACK_LOGS/mariadb.log" 2>&1 || exit 1
    fi
    # --no-defaults keeps /etc/mysql (the system service's port and socket) out of it. Sized for a
    # 2-core laptop; 500 connections for load tests; redo log flushed once a second because a crash of
    # a local dev server may lose the last second of commits, which is worth the faster test runs.
    spawn mariadb mariadbd --no-defaults --user="$(id -un)" --datadir="$MARIADB_DIR" \
      --bind-address="$(url_host "$MYSQL_URL")" --port="$(url_port "$MYSQL_URL")" \
      --socket="$MARIADB_SOCKET" --pid-file="$STACK_RUN/mariadbd.pid" \
      --innodb-buffer-pool-size=256M --innodb-log-file-size=64M --innodb-flush-log-at-trx-commit=2 \
      --max-connections=500 --thread-cache-size=64 --table-open-cache=2000 \
      --performance-schema=OFF --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
  ) 9>"$STACK_RUN/mariadb.lock"
}

# Answers over TCP to the credentials of MYSQL_URL, as the platform connects.
mariadb_ready() {
  if command -v mariadb-admin >/dev/null; then
    MYSQL_PWD="$(mariadb_password)" mariadb-admin --no-defaults --protocol=TCP --connect-timeout=2 \
      -h "$(url_host "$MYSQL_URL")" -P "$(url_port "$MYSQL_URL")" -u "$(mariadb_user)" ping >/dev/null 2>&1
  else
    port_open "$(url_host "$MYSQL_URL")" "$(url_port "$MYSQL_URL")"
  fi
}

# Before the first provisioning the platform user does not exist yet, so waiting asks over the socket.
mariadb_serving_or_exited() { ! is_running mariadb || mariadb_root -e 'SELECT 1'; }
mariadb_wait() {
  wait_for 60 mariadb mariadb_serving_or_exited || return 1
  is_running mariadb || { log "mariadb: server process exited"; return 1; }
}

# Administration goes through the socket as root: the OS root user is let in by unix_socket
# authentication, which keeps working after the root password is set below.
mariadb_root() { mariadb --no-defaults --socket="$MARIADB_SOCKET" -u root --batch "$@"; }

mariadb_provision() {
  local root_pw user_pw user host db sql
  root_pw=$(mariadb_quote "$MYSQL_ROOT_PASSWORD")
  user=$(mariadb_quote "$(mariadb_user)")
  user_pw=$(mariadb_quote "$(mariadb_password)")
  sql="ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD($root_pw) OR unix_socket;
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY $root_pw;
ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY $root_pw;
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
  for host in 127.0.0.1 localhost; do
    sql+="
CREATE USER IF NOT EXISTS $user@'$host' IDENTIFIED BY $user_pw;
ALTER USER $user@'$host' IDENTIFIED BY $user_pw;
GRANT ALL PRIVILEGES ON *.* TO $user@'$host';"
  done
  for db in "${MARIADB_DATABASES[@]}"; do
    sql+="
CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  done
  mariadb_root -e "$sql"
}

mariadb_address() { echo "mysql://$(mariadb_user)@$(url_host "$MYSQL_URL"):$(url_port "$MYSQL_URL")"; }
