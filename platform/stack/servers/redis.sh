# Redis from Debian's package, on loopback, persistence under $STACK_DATA/redis.
# Module contract (every servers/<name>.sh defines these, all idempotent):
#   <name>_external  0 when the caller supplied this server through its connection variable
#   <name>_install   install binaries if missing (quick no-op when present)
#   <name>_start     start detached via `spawn <name> ...`
#   <name>_wait      block until the server serves requests (bounded)
#   <name>_provision create what the platform needs on it (databases, topics, buckets, realm)
#   <name>_ready     one quick check, 0 when serving (used by `status`)
#   <name>_address   print where it listens
redis_external() { is_external REDIS_URL; }
redis_install() { command -v redis-server >/dev/null || apt_install redis-server redis-tools; }
redis_start() {
  mkdir -p "$STACK_DATA/redis"
  spawn redis redis-server --bind "$(url_host "$REDIS_URL")" --port "$(url_port "$REDIS_URL")" \
    --dir "$STACK_DATA/redis" --appendonly yes --save "" --daemonize no --protected-mode yes
}
redis_ready() { [ "$(redis-cli -u "$REDIS_URL" ping 2>/dev/null)" = "PONG" ]; }
redis_wait() { wait_for 30 redis redis_ready; }
redis_provision() { :; }
redis_address() { echo "$REDIS_URL"; }
