import type { ProductDetail } from './products.models';

/** The catalog takes at most 3 options per product (e.g. Size, Colour, Material), each with up to 50 values. */
export const MAX_OPTIONS = 3;
export const MAX_OPTION_VALUES = 50;
export const MAX_OPTION_VALUE_LENGTH = 100;

/** An option as the editor holds it: its name and the values the variants choose from. */
export interface OptionDraft {
  name: string;
  values: string[];
}

/** A variant as the editor holds it: one choice per option row (same order), SKU, price and compare-at price. */
export interface VariantDraft {
  choices: string[];
  sku: string;
  price: string;
  compareAt: string;
}

/** Where a problem of the options is shown: an option's name or values, a variant's choice, or the options as a whole. */
export type OptionProblem =
  | { at: 'option-name' | 'option-values'; option: number; message: string }
  | { at: 'choice'; variant: number; option: number; message: string }
  | { at: 'options'; message: string };

/** The option rows that take part: named and with values (an entirely empty row is ignored). */
function activeOptions(options: OptionDraft[]): number[] {
  return options.flatMap((option, index) => (option.name.trim() && option.values.length > 0 ? [index] : []));
}

/**
 * What keeps the options and variants from being saved, each with the field it belongs to: an option with values
 * but no name (or the reverse), two options with one name, a variant without a value for an option, two variants
 * with the same combination, several variants without an option to tell them apart.
 */
export function optionProblems(options: OptionDraft[], variants: VariantDraft[]): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const names = new Map<string, number>();
  options.forEach((option, index) => {
    const name = option.name.trim();
    if (!name && option.values.length > 0)
      problems.push({
        at: 'option-name',
        option: index,
        message: `Name option ${index + 1} (e.g. Colour): it has values.`,
      });
    if (name && option.values.length === 0)
      problems.push({
        at: 'option-values',
        option: index,
        message: `Add the values of ${name}, e.g. S, M, L.`,
      });
    if (name.includes('='))
      problems.push({ at: 'option-name', option: index, message: 'Option name must not contain "=".' });
    const key = name.toLowerCase();
    if (name && names.has(key))
      problems.push({
        at: 'option-name',
        option: index,
        message: `Option ${names.get(key)! + 1} is already called ${name}.`,
      });
    if (name && !names.has(key)) names.set(key, index);
  });
  const active = activeOptions(options);
  if (active.length === 0 && variants.length > 1)
    problems.push({ at: 'options', message: 'Add an option (e.g. Size) to tell the variants apart.' });
  const seen = new Map<string, number>();
  variants.forEach((variant, v) => {
    let complete = true;
    for (const o of active) {
      const choice = variant.choices[o] ?? '';
      if (!options[o]!.values.includes(choice)) {
        complete = false;
        problems.push({
          at: 'choice',
          variant: v,
          option: o,
          message: `Choose the ${options[o]!.name.trim()} of variant ${v + 1}.`,
        });
      }
    }
    if (!complete || active.length === 0) return;
    const key = JSON.stringify(active.map((o) => variant.choices[o]));
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, v);
      return;
    }
    const combination = active.map((o) => `${options[o]!.name.trim()} ${variant.choices[o]}`).join(', ');
    problems.push({
      at: 'choice',
      variant: v,
      option: active[0]!,
      message: `Variant ${earlier + 1} is already ${combination}: each variant needs its own combination.`,
    });
  });
  return problems;
}

/** "12.50" → 1250 minor units. */
function minor(amount: string): number {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** The options and variants as createProduct / updateProduct take them (call once optionProblems is empty). */
export function optionsInput(
  options: OptionDraft[],
  variants: VariantDraft[],
): {
  options: { name: string; values: string[] }[];
  variants: {
    sku: string;
    priceMinor: number;
    compareAtMinor: number | null;
    optionValues: { name: string; value: string }[];
  }[];
} {
  const active = activeOptions(options);
  return {
    options: active.map((o) => ({ name: options[o]!.name.trim(), values: [...options[o]!.values] })),
    variants: variants.map((variant) => ({
      sku: variant.sku.trim(),
      priceMinor: minor(variant.price),
      compareAtMinor: variant.compareAt.trim() ? minor(variant.compareAt) : null,
      optionValues: active.map((o) => ({ name: options[o]!.name.trim(), value: variant.choices[o]! })),
    })),
  };
}

/** A stored product's options and variants as the editor holds them: every option, value and price kept. */
export function optionDrafts(product: Pick<ProductDetail, 'options' | 'variants'>): {
  options: OptionDraft[];
  variants: VariantDraft[];
} {
  const options = product.options.map((option) => ({ name: option.name, values: [...option.values] }));
  return {
    options,
    variants: product.variants.map((variant) => ({
      choices: options.map(
        (option) => variant.optionValues.find((value) => value.name === option.name)?.value ?? '',
      ),
      sku: variant.sku,
      price: (variant.priceMinor / 100).toFixed(2),
      compareAt: variant.compareAtMinor == null ? '' : (variant.compareAtMinor / 100).toFixed(2),
    })),
  };
}
