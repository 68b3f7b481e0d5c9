/** Injection token of the validated PaymentsConfig. */
export const PAYMENTS_CONFIG = Symbol('PAYMENTS_CONFIG');
