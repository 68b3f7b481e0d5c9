import type { Product, Variant } from './catalog.models';

export type Selection = Record<string, string>;

/** The variant whose option values are exactly the selection, or undefined while options are missing. */
export function findVariant(
  product: Pick<Product, 'options' | 'variants'>,
  selection: Selection,
): Variant | undefined {
  if (product.options.length === 0) return product.variants[0];
  if (product.options.some((option) => !selection[option.name])) return undefined;
  return product.variants.find((variant) =>
    variant.optionValues.every((ov) => selection[ov.name] === ov.value),
  );
}

/** Starts from the first variant so the buyer sees a price and can add to cart at once. */
export function initialSelection(product: Pick<Product, 'variants'>): Selection {
  const first = product.variants[0];
  return first ? Object.fromEntries(first.optionValues.map((ov) => [ov.name, ov.value])) : {};
}

/** Whether choosing `value` for `option` (keeping the other choices) leads to an existing variant. */
export function isAvailable(
  product: Pick<Product, 'options' | 'variants'>,
  selection: Selection,
  option: string,
  value: string,
): boolean {
  const next = { ...selection, [option]: value };
  return product.variants.some((variant) =>
    variant.optionValues.every((ov) =>
      ov.name === option ? ov.value === value : !next[ov.name] || next[ov.name] === ov.value,
    ),
  );
}

export function describeVariant(variant: Variant): string {
  return variant.optionValues.map((ov) => `${ov.name}: ${ov.value}`).join(', ');
}
