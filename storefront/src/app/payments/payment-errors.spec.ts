import { paymentErrorMessage } from './payment-errors';

describe('paymentErrorMessage', () => {
  it("keeps Stripe's reason for a declined card and says what to do next", () => {
    expect(
      paymentErrorMessage({ type: 'card_error', code: 'card_declined', message: 'Your card was declined.' }),
    ).toBe(
      'Your card was declined. Nothing was charged. Check the details or use another card, then pay again.',
    );
  });

  it('explains a failed 3-D Secure check rather than a decline', () => {
    expect(
      paymentErrorMessage({
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message: 'We are unable to authenticate your payment method.',
      }),
    ).toContain('security check (3-D Secure) was not completed');
  });

  it('shows incomplete card details as Stripe words them, and a generic failure without inventing a cause', () => {
    expect(
      paymentErrorMessage({ type: 'validation_error', message: 'Your card number is incomplete.' }),
    ).toBe('Your card number is incomplete.');
    expect(paymentErrorMessage({ type: 'api_error' })).toBe(
      'The payment did not go through. Nothing was charged; you can pay again.',
    );
  });
});
