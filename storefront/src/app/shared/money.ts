const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, found);
  }
  return found;
}

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Formats integer minor units, e.g. 1999 EUR -> "€19.99". */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  return formatter(currency, locale).format(amountMinor / 10 ** currencyDigits(currency));
}

/** Major units typed by a buyer ("19.99") to minor units; null when it is not a non-negative amount. */
export function toMinorUnits(major: string, currency: string): number | null {
  if (!/^\d+(\.\d+)?$/.test(major.trim())) return null;
  return Math.round(Number(major) * 10 ** currencyDigits(currency));
}

export function toMajorUnits(minor: number, currency: string): string {
  return String(minor / 10 ** currencyDigits(currency));
}
