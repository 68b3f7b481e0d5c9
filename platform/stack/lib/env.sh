# Loads defaults.env without overriding variables the caller already exported, and remembers which
# servers were supplied externally.
load_stack_env() {
  local line key value
  declare -gA STACK_EXTERNAL=()
  declare -A defaults=()
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    key="${line%%=*}"; value="${line#*=}"
    defaults[$key]="$value"
  done <"$STACK_ROOT/defaults.env"
  # A switch variable that differs from its default names an external server; one equal to the default
  # (e.g. after `eval "$(stack env)"`) still means the local server. STACK_OWN_SERVERS=1 says the variables
  # name servers this STACK_HOME runs itself on other ports: a second, private stack beside the shared one
  # (the fault suite stops its servers; platform/e2e/src/private-stack.ts).
  for key in MYSQL_URL REDIS_URL KAFKA_BROKERS MONGODB_URL S3_ENDPOINT STRIPE_API_BASE KEYCLOAK_URL PROMETHEUS_URL OPENSEARCH_URL; do
    [ "${STACK_OWN_SERVERS:-}" = 1 ] && break
    if [ -n "${!key:-}" ] && [ "${!key}" != "${defaults[$key]:-}" ]; then STACK_EXTERNAL[$key]=1; fi
  done
  for key in "${!defaults[@]}"; do
    if [ -z "${!key:-}" ]; then export "$key=${defaults[$key]}"; fi
  done
}

# is_external SWITCH_VARIABLE -> 0 when the caller supplied that server.
is_external() { [ -n "${STACK_EXTERNAL[$1]:-}" ]; }

# url_host URL / url_port URL -> host and port of a scheme://[user:pass@]host:port[/...] URL.
url_host() { local h="${1#*://}"; h="${h#*@}"; h="${h%%/*}"; echo "${h%:*}"; }
url_port() { local h="${1#*://}"; h="${h#*@}"; h="${h%%/*}"; echo "${h##*:}"; }
