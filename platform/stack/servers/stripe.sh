# stripe-mock (Stripe API stand-in for offline tests), built from the Go module proxy, HTTP on loopback.
# Contract: see servers/redis.sh. No data; it answers from the OpenAPI spec and fixtures it embeds.
STRIPE_MOCK_MODULE=github.com/stripe/stripe-mock@v0.203.0
stripe_external() { is_external STRIPE_API_BASE; }
stripe_install() { go_install "$STRIPE_MOCK_MODULE" stripe-mock; }
stripe_start() {
  # stripe-mock always opens an HTTPS listener too (on all interfaces unless told otherwise), so it
  # is pinned to loopback on the next port; the platform uses only HTTP.
  local host port
  host=$(url_host "$STRIPE_API_BASE") port=$(url_port "$STRIPE_API_BASE")
  spawn stripe "$STACK_CACHE/go/bin/stripe-mock" -http-addr "$host:$port" -https-addr "$host:$((port + 1))"
}
# A real API call (any sk_test_ key is accepted), not just an open port.
stripe_ready() {
  curl -fsS -m 3 -u sk_test_stack: "$STRIPE_API_BASE/v1/balance" 2>/dev/null | grep -q '"object": *"balance"'
}
stripe_wait() { wait_for 60 stripe stripe_ready; }
stripe_provision() { :; }
stripe_address() { echo "$STRIPE_API_BASE"; }
