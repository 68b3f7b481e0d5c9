import type { CommissionRuleRow } from './commission-rule.schema';

export interface SellerRate {
  bps: number;
  /** Set for this seller by an admin (outranks category and global rules), or only the registration default. */
  explicit: boolean;
}

export interface CommissionLine {
  tenantId: string;
  categoryId?: string | null | undefined;
  quantity: number;
  unitPrice: number;
  currency: string;
}

export type RuleSource = 'seller-category' | 'seller' | 'category' | 'global' | 'default';

export interface LineCommission {
  bps: number;
  commission: number;
  source: RuleSource;
}

type Rule = Pick<CommissionRuleRow, 'tenantId' | 'categoryId' | 'rateBps' | 'minPerLine' | 'minCurrency'>;

/**
 * The most specific rule wins: seller + category rule, the seller's own rate (when an admin set it), category
 * rule, global rule, then the seller's registration rate (or the platform default). The commission is the rate
 * of the line total, rounded half up, at least the rule's minimum per line (same currency), at most the line total.
 */
export function lineCommission(
  line: CommissionLine,
  rules: readonly Rule[],
  seller: SellerRate | undefined,
  defaultBps: number,
): LineCommission {
  const find = (tenantId: string | null, categoryId: string | null) =>
    rules.find((rule) => rule.tenantId === tenantId && rule.categoryId === categoryId);
  const category = line.categoryId ?? null;
  const candidates: [Rule | undefined, RuleSource][] = [
    [category ? find(line.tenantId, category) : undefined, 'seller-category'],
    [
      seller?.explicit
        ? {
            tenantId: line.tenantId,
            categoryId: null,
            rateBps: seller.bps,
            minPerLine: null,
            minCurrency: null,
          }
        : undefined,
      'seller',
    ],
    [category ? find(null, category) : undefined, 'category'],
    [find(null, null), 'global'],
  ];
  const [rule, source] = candidates.find(([candidate]) => candidate !== undefined) ?? [
    {
      tenantId: null,
      categoryId: null,
      rateBps: seller?.bps ?? defaultBps,
      minPerLine: null,
      minCurrency: null,
    },
    'default' as const,
  ];
  const total = line.quantity * line.unitPrice;
  const byRate = Math.round((total * rule!.rateBps) / 10_000);
  const minimum = rule!.minPerLine !== null && rule!.minCurrency === line.currency ? rule!.minPerLine : 0;
  return { bps: rule!.rateBps, commission: Math.min(total, Math.max(byRate, minimum)), source };
}
