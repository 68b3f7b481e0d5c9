import { bigint, char, customType, datetime } from 'drizzle-orm/mysql-core';

export const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });
/** Integer minor units; bigint so that large orders in zero-decimal currencies fit. */
export const money = (name: string) => bigint(name, { mode: 'number' });
export const currencyCode = (name = 'currency') => char(name, { length: 3 });
export const ulidKey = (name = 'id') => char(name, { length: 26 });

/**
 * A JSON document stored as text: MariaDB's JSON is LONGTEXT and comes back as a string, which drizzle's
 * `json` column would hand over unparsed.
 */
export const jsonDocument = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'json',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => (typeof value === 'string' ? JSON.parse(value) : value) as T,
  })(name);
