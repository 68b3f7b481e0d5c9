// One line per producing service (`export * from './<service>';`) and per service-to-service API it serves
// (`export * from './<service>-api';`).
export * from './tenants';
export * from './offboarding';
export * from './sealed-secret';
export * from './safe-text';
export * from './product-csv';
export * from './catalog';
export * from './media';
export * from './payments';
export * from './inventory';
export * from './orders';
export * from './reviews';
export * from './webhooks';
export * from './inventory-api';
export * from './payments-api';
export * from './cart-api';
export * from './catalog-api';
