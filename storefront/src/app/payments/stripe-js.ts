import { Injectable } from '@angular/core';
import type { Stripe } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';

/**
 * Stripe.js, fetched from js.stripe.com only when a payment needs it (the `pure` entry point does not load it on
 * import), so pages without a Stripe payment never contact Stripe.
 */
@Injectable({ providedIn: 'root' })
export class StripeJs {
  async load(publishableKey: string): Promise<Stripe> {
    const stripe = await loadStripe(publishableKey);
    if (!stripe) throw new Error('Stripe.js is not available in this browser');
    return stripe;
  }
}
