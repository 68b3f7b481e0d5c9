import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

export interface RefundRequest {
  id: string;
  buyerOrderId: string;
  sellerOrderId: string;
  status: string;
  requestedAmount: number;
  acceptedAmount: number | null;
  currency: string;
  reason: string;
  decisionReason: string | null;
  lastError: string | null;
  createdAt: string;
  lines: { sku: string; quantity: number; unitPrice: number }[];
}

export const REFUND_REQUEST_FIELDS = `id buyerOrderId sellerOrderId status requestedAmount acceptedAmount currency reason
  decisionReason lastError createdAt lines { sku quantity unitPrice }`;

export const REFUND_STATUSES = ['requested', 'refunding', 'refunded', 'declined'];

/** A partial refund typed as "12.50": above zero and at most what the buyer asked for (`max`, minor units). */
export function refundAmountValidator(max: () => number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const raw = String(control.value ?? '').trim();
    if (!raw) return null;
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(raw))
      return { message: 'Amount must be a positive amount like 12.50 (at most two decimals).' };
    const minor = Math.round(Number(raw) * 100);
    if (minor <= 0) return { message: 'Amount must be above zero.' };
    if (minor > max()) return { message: 'Amount must not be more than the buyer asked for.' };
    return null;
  };
}
