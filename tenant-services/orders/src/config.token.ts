/** Injection token of the validated OrdersConfig. */
export const ORDERS_CONFIG = Symbol('ORDERS_CONFIG');
