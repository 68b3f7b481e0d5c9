import { product } from '../testing/fixtures';
import { describeVariant, findVariant, initialSelection, isAvailable } from './variant-selection';

describe('variant selection', () => {
  const p = product();

  it('starts from the first variant', () => {
    expect(initialSelection(p)).toEqual({ Size: 'S', Colour: 'White' });
    expect(findVariant(p, initialSelection(p))?.id).toBe('v-s-white');
  });

  it('finds the variant matching every chosen option, and none for a missing combination', () => {
    expect(findVariant(p, { Size: 'L', Colour: 'Blue' })?.sku).toBe('LS-L-B');
    expect(findVariant(p, { Size: 'L', Colour: 'White' })).toBeUndefined();
    expect(findVariant(p, { Size: 'M' })).toBeUndefined();
  });

  it('marks values that cannot form a variant with the other choices', () => {
    expect(isAvailable(p, { Size: 'S', Colour: 'White' }, 'Size', 'M')).toBe(true);
    expect(isAvailable(p, { Size: 'S', Colour: 'White' }, 'Size', 'L')).toBe(false);
    expect(isAvailable(p, { Size: 'L', Colour: 'Blue' }, 'Colour', 'White')).toBe(false);
  });

  it('uses the only variant of a product without options', () => {
    const simple = product({
      options: [],
      variants: [{ id: 'only', sku: 'MUG', optionValues: [], priceMinor: 900, compareAtMinor: null }],
    });
    expect(findVariant(simple, {})?.id).toBe('only');
    expect(describeVariant(simple.variants[0]!)).toBe('');
    expect(describeVariant(p.variants[2]!)).toBe('Size: L, Colour: Blue');
  });
});
