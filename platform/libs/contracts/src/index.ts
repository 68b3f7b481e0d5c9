// One line per producing service: `export * from './<service>';`
export * from './tenants';
export * from './catalog';
export * from './media';
export * from './payments';
export * from './inventory';
export * from './orders';
