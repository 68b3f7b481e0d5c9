import { bigint, char, datetime, varchar } from 'drizzle-orm/mysql-core';

export const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });
/** Integer minor units; bigint so that large orders in zero-decimal currencies fit. */
export const money = (name: string) => bigint(name, { mode: 'number' });
export const currencyCode = (name = 'currency') => char(name, { length: 3 });
export const ulidKey = (name = 'id') => char(name, { length: 26 });
/** Order ids come from the orders service (ULID or UUID). */
export const orderId = (name: string) => varchar(name, { length: 64 });
export const providerRef = (name: string) => varchar(name, { length: 255 });
