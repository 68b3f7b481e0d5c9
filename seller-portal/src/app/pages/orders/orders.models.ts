import type { ValidationErrors, ValidatorFn } from '@angular/forms';

export const ORDER_STATUSES = [
  'paid',
  'fulfilled',
  'shipped',
  'delivered',
  'cancelled',
  'partially_refunded',
  'refunded',
  'pending_payment',
];

export interface SellerOrder {
  id: string;
  status: string;
  subtotal: number;
  currency: string;
  refundedAmount?: number;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  createdAt: string;
  shipTo: {
    name: string;
    line1: string;
    line2: string | null;
    postalCode: string;
    city: string;
    region: string | null;
    country: string;
  };
  lines: {
    productId: string;
    sku: string;
    title: string;
    quantity: number;
    unitPrice: number;
    currency: string;
  }[];
}

export const SELLER_ORDER_FIELDS = `id status subtotal refundedAmount currency carrier trackingNumber trackingUrl createdAt
  shipTo { name line1 line2 postalCode city region country }
  lines { productId sku title quantity unitPrice currency }`;

/** "pending_payment" → "Pending payment". */
export function statusLabel(status: string): string {
  const text = status.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A carrier's tracking page: an https URL with a host name, as the orders service accepts it. */
export const httpsUrlValidator: ValidatorFn = (control): ValidationErrors | null => {
  const raw = String(control.value ?? '').trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { message: 'Tracking page must be a web address like https://carrier.example/track?id=…' };
  }
  if (url.protocol !== 'https:') return { message: 'Tracking page must start with https://.' };
  if (!url.hostname.includes('.')) return { message: 'Tracking page must name a public host.' };
  return null;
};

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The queue's date filter as the orders service takes it: from the start of the first UTC day up to the start of
 * the day after the last one; a problem to show next to the fields instead when the dates do not make a range.
 */
export function placedRange(
  from: string | undefined,
  to: string | undefined,
): { from: string | null; before: string | null; problem: string } {
  const start = from && DATE.test(from) ? Date.parse(`${from}T00:00:00Z`) : NaN;
  const end = to && DATE.test(to) ? Date.parse(`${to}T00:00:00Z`) + DAY_MS : NaN;
  if ((from && Number.isNaN(start)) || (to && Number.isNaN(end)))
    return { from: null, before: null, problem: 'Dates must be real days (YYYY-MM-DD).' };
  if (!Number.isNaN(start) && !Number.isNaN(end) && start >= end)
    return { from: null, before: null, problem: 'The last day must not be before the first.' };
  return {
    from: Number.isNaN(start) ? null : new Date(start).toISOString(),
    before: Number.isNaN(end) ? null : new Date(end).toISOString(),
    problem: '',
  };
}
