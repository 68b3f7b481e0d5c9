/** The parts of a Stripe.js error the buyer's message depends on. */
export interface StripeErrorLike {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
}

const RETRY = 'Check the details or use another card, then pay again.';

/**
 * What the buyer reads after an attempt failed: Stripe's own text for the card (it is written for buyers and
 * localised), with a clear next step; 3-D Secure and connection problems get their own explanation.
 */
export function paymentErrorMessage(error: StripeErrorLike): string {
  if (error.code === 'payment_intent_authentication_failure')
    return `Your bank's security check (3-D Secure) was not completed, so nothing was charged. Pay again to retry the check, or use another card.`;
  if (error.type === 'card_error') {
    const reason = error.message?.trim() || 'Your card was declined.';
    return `${reason} Nothing was charged. ${RETRY}`;
  }
  if (error.type === 'validation_error') return error.message?.trim() || 'Please complete the card details.';
  if (error.type === 'api_connection_error')
    return 'We could not reach the payment provider. Check your connection and pay again; you will not be charged twice.';
  return `The payment did not go through${error.message ? `: ${error.message}` : '.'} Nothing was charged; you can pay again.`;
}
