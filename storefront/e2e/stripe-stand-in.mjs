// A stand-in for Stripe.js (js.stripe.com cannot be reached from tests), served to the page through Playwright's
// `route` at the URL @stripe/stripe-js loads. It implements only what the storefront calls: Stripe(publishableKey),
// elements({clientSecret}), create('payment'), mount, confirmPayment({elements, redirect, confirmParams}). The
// Payment Element is a plain card form in the page (the real one is an iframe); confirmation is done by the test
// side (`confirm` below), which checks the client secret and key against payments and answers as Stripe would
// for its test cards, sending the `payment_intent.*` webhook Stripe would send, signed with the stripe SDK's
// signing helper. What it does not cover is listed in docs/adr/0024-stripe-payment-element.md.
/* global window, document, fetch */
import Stripe from 'stripe';

/** Stripe's test cards the stand-in knows (https://docs.stripe.com/testing). */
export const TEST_CARDS = {
  success: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  /** Requires 3-D Secure; the stand-in's buyer fails the challenge. */
  authenticationFails: '4000 0027 6000 3184',
};

const DECLINED = {
  type: 'card_error',
  code: 'card_declined',
  decline_code: 'generic_decline',
  message: 'Your card was declined.',
};
const AUTHENTICATION_FAILED = {
  type: 'invalid_request_error',
  code: 'payment_intent_authentication_failure',
  message:
    'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
};

/** What runs in the page in place of https://js.stripe.com/<release>/stripe.js. */
function standInScript() {
  const integrationError = (message) => Object.assign(new Error(message), { name: 'IntegrationError' });
  function Stripe(publishableKey) {
    if (typeof publishableKey !== 'string' || !/^pk_(test|live)_\w+$/.test(publishableKey))
      throw integrationError(`Invalid API Key provided: ${publishableKey}`);
    return {
      elements(options) {
        const clientSecret = options?.clientSecret;
        if (!/^pi_\w+_secret_\w+$/.test(clientSecret ?? ''))
          throw integrationError('elements(): clientSecret must be a PaymentIntent client secret');
        const group = { clientSecret, payment: null };
        group.create = (type) => {
          if (type !== 'payment') throw integrationError(`the stand-in implements only the payment element`);
          const element = { mounted: null };
          element.mount = (target) => {
            const host = typeof target === 'string' ? document.querySelector(target) : target;
            if (!host) throw integrationError('mount(): no such element');
            host.innerHTML = `<fieldset class="sf-stand-in-card" style="border:1px solid #c4c7c5;border-radius:8px;padding:12px 16px;margin:0;display:grid;gap:8px;grid-template-columns:1fr 1fr">
                <legend style="padding:0 4px">Card</legend>
                <label style="grid-column:1/-1;display:grid;gap:4px">Card number
                  <input name="cardnumber" autocomplete="cc-number" inputmode="numeric" placeholder="1234 1234 1234 1234" style="font:inherit;padding:8px;border:1px solid #747775;border-radius:4px"></label>
                <label style="display:grid;gap:4px">Expiry
                  <input name="exp-date" autocomplete="cc-exp" placeholder="MM / YY" style="font:inherit;padding:8px;border:1px solid #747775;border-radius:4px;min-width:0"></label>
                <label style="display:grid;gap:4px">CVC
                  <input name="cvc" autocomplete="cc-csc" inputmode="numeric" placeholder="CVC" style="font:inherit;padding:8px;border:1px solid #747775;border-radius:4px;min-width:0"></label>
              </fieldset>`;
            element.mounted = host;
          };
          element.on = () => element;
          element.unmount = () => {
            if (element.mounted) element.mounted.innerHTML = '';
            element.mounted = null;
          };
          element.destroy = element.unmount;
          group.payment = element;
          return element;
        };
        return group;
      },
      async confirmPayment({ elements, redirect, confirmParams } = {}) {
        const host = elements?.payment?.mounted;
        if (!host) throw integrationError('confirmPayment(): mount the Payment Element first');
        if (!confirmParams?.return_url) throw integrationError('confirmPayment(): return_url is required');
        const card = host.querySelector('input[name="cardnumber"]').value.replace(/\s+/g, '');
        if (!/^\d{16}$/.test(card))
          return {
            error: {
              type: 'validation_error',
              code: 'incomplete_number',
              message: 'Your card number is incomplete.',
            },
          };
        return window.stripeStandInConfirm({
          publishableKey,
          clientSecret: elements.clientSecret,
          card,
          redirect: redirect ?? 'always',
        });
      },
    };
  }
  // The release @stripe/stripe-js 10 expects; anything else makes it warn in the console.
  Stripe.version = 'endive';
  window.Stripe = Stripe;
}

/**
 * Serves the stand-in for every js.stripe.com script on `page` and confirms on the test side. `payments` is
 * `{ url, webhookSecret, internal(path) }` of the payments service under test; `orderId()` names the order on the
 * page's payment step. A successful confirmation's `payment_intent.succeeded` is held until `deliverHeld()`, so the
 * test can show that the order is not paid before payments has the webhook.
 */
export async function installStripeStandIn(page, { payments, orderId }) {
  const signer = new Stripe('sk_test_stand_in_signer', { telemetry: false });
  const held = [];
  const confirmations = [];

  async function sendWebhook(type, object) {
    const payload = JSON.stringify({
      id: `evt_${Date.now()}_${Math.random().toString(36).slice(2)}`,
      object: 'event',
      type,
      data: { object },
    });
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: payments.webhookSecret });
    const response = await fetch(`${payments.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    const answer = await response.json();
    if (response.status !== 200 || answer.outcome !== 'processed')
      throw new Error(`webhook ${type} answered ${response.status} ${JSON.stringify(answer)}`);
  }

  async function confirm({ publishableKey, clientSecret, card }) {
    const { payment } = await payments.internal(`/internal/payments/${orderId()}`);
    if (payment.clientSecret !== clientSecret || payment.publishableKey !== publishableKey)
      return {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: 'No such payment_intent (the client secret or key does not match the order).',
        },
      };
    confirmations.push(card);
    const intent = { id: payment.intentId, object: 'payment_intent', amount: payment.amount };
    const failedAttempt = async (error) => {
      const paymentIntent = { ...intent, status: 'requires_payment_method', last_payment_error: error };
      await sendWebhook('payment_intent.payment_failed', paymentIntent);
      return { error: { ...error, payment_intent: paymentIntent } };
    };
    if (card === TEST_CARDS.declined.replace(/\s/g, '')) return failedAttempt(DECLINED);
    if (card === TEST_CARDS.authenticationFails.replace(/\s/g, ''))
      return failedAttempt(AUTHENTICATION_FAILED);
    if (card === TEST_CARDS.success.replace(/\s/g, '')) {
      held.push({ ...intent, status: 'succeeded' });
      return { paymentIntent: { ...intent, status: 'succeeded' } };
    }
    return failedAttempt({
      type: 'card_error',
      code: 'incorrect_number',
      message: 'Your card number is incorrect.',
    });
  }

  await page.exposeFunction('stripeStandInConfirm', confirm);
  await page.route('https://js.stripe.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: `(${standInScript.toString()})();` }),
  );
  return {
    confirmations,
    heldWebhooks: () => held.length,
    async deliverHeld() {
      while (held.length > 0) await sendWebhook('payment_intent.succeeded', held.shift());
    },
  };
}
