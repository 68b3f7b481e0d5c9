# Mailpit (MIT): the local mail catcher. SMTP on loopback receives what services send; its HTTP API lets
# tests read the messages. Built from the Go module proxy. Contract: see servers/redis.sh.
MAILPIT_MODULE=github.com/axllent/mailpit@v1.33.1
mailpit_external() { is_external SMTP_URL; }
mailpit_install() { go_install "$MAILPIT_MODULE" mailpit; }
mailpit_start() {
  mkdir -p "$STACK_DATA/mailpit"
  spawn mailpit "$STACK_CACHE/go/bin/mailpit" \
    --smtp "$(url_host "$SMTP_URL"):$(url_port "$SMTP_URL")" --smtp-auth-accept-any --smtp-auth-allow-insecure \
    --listen "$(url_host "$MAILPIT_URL"):$(url_port "$MAILPIT_URL")" \
    --database "$STACK_DATA/mailpit/mailpit.db" --max 5000
}
# The API answers with the message list, not just an open port.
mailpit_ready() { curl -fsS -m 3 "$MAILPIT_URL/api/v1/messages?limit=1" 2>/dev/null | grep -q '"total"'; }
mailpit_wait() { wait_for 30 mailpit mailpit_ready; }
mailpit_provision() { :; }
mailpit_address() { echo "$SMTP_URL (API $MAILPIT_URL)"; }
