# Prometheus from Debian's package, on loopback, TSDB under $STACK_DATA/prometheus. It evaluates the production alert rules
# (deploy/monitoring/prometheus/rules) against the locally running services, which it finds in a
# file_sd list written by `prometheus_write_targets` (see below); Prometheus re-reads that file by itself.
# Module contract (every servers/<name>.sh defines these, all idempotent):
#   <name>_external  0 when the caller supplied this server through its connection variable
#   <name>_install   install binaries if missing (quick no-op when present)
#   <name>_start     start detached via `spawn <name> ...`
#   <name>_wait      block until the server serves requests (bounded)
#   <name>_provision create what the platform needs on it (databases, topics, buckets, realm)
#   <name>_ready     one quick check, 0 when serving (used by `status`)
#   <name>_address   print where it listens
PROMETHEUS_DIR="$STACK_DATA/prometheus"

prometheus_external() { is_external PROMETHEUS_URL; }
prometheus_install() { command -v prometheus >/dev/null || apt_install prometheus; }

# The configuration is generated on every start so it always points at this clone's rule files.
prometheus_write_config() {
  mkdir -p "$PROMETHEUS_DIR/targets" "$PROMETHEUS_DIR/tsdb"
  cat >"$PROMETHEUS_DIR/prometheus.yml" <<CONFIG
global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - $REPO_ROOT/deploy/monitoring/prometheus/rules/*.yml
scrape_configs:
  - job_name: marketplace-local
    file_sd_configs:
      - files: [$PROMETHEUS_DIR/targets/*.json]
        refresh_interval: 10s
  - job_name: prometheus
    static_configs:
      - targets: ["$(url_host "$PROMETHEUS_URL"):$(url_port "$PROMETHEUS_URL")"]
CONFIG
}

# prometheus_write_targets SERVICE=HOST:PORT... -> replaces the scraped service list. The `service`
# label matches what the Kubernetes scrape config sets, so rules and dashboards work unchanged.
# Without arguments it reads PROMETHEUS_SCRAPE_TARGETS (space-separated, same form).
prometheus_write_targets() {
  local entries=() pair
  [ $# -gt 0 ] || read -ra entries <<<"${PROMETHEUS_SCRAPE_TARGETS:-}"
  [ $# -gt 0 ] && entries=("$@")
  mkdir -p "$PROMETHEUS_DIR/targets"
  {
    printf '['
    local first=1
    for pair in "${entries[@]}"; do
      [ -n "$pair" ] || continue
      [ $first -eq 1 ] || printf ','
      first=0
      printf '{"targets":["%s"],"labels":{"service":"%s"}}' "${pair#*=}" "${pair%%=*}"
    done
    printf ']\n'
  } >"$PROMETHEUS_DIR/targets/services.json.tmp"
  mv "$PROMETHEUS_DIR/targets/services.json.tmp" "$PROMETHEUS_DIR/targets/services.json"
}

prometheus_start() {
  prometheus_write_config
  [ -f "$PROMETHEUS_DIR/targets/services.json" ] || prometheus_write_targets
  spawn prometheus prometheus --config.file="$PROMETHEUS_DIR/prometheus.yml" \
    --storage.tsdb.path="$PROMETHEUS_DIR/tsdb" --storage.tsdb.retention.time=2d \
    --web.listen-address="$(url_host "$PROMETHEUS_URL"):$(url_port "$PROMETHEUS_URL")"
}
prometheus_ready() { curl -fsS -o /dev/null --max-time 3 "$PROMETHEUS_URL/-/ready"; }
prometheus_wait() { wait_for 30 prometheus prometheus_ready; }
prometheus_provision() { prometheus_write_targets; }
prometheus_address() { echo "$PROMETHEUS_URL"; }
