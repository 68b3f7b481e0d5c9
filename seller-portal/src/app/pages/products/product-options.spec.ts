import { optionDrafts, optionProblems, optionsInput, type VariantDraft } from './product-options';

const variant = (choices: string[], sku = 'SKU-1', price = '10.00', compareAt = ''): VariantDraft => ({
  choices,
  sku,
  price,
  compareAt,
});
const SIZE = { name: 'Size', values: ['S', 'M'] };
const COLOUR = { name: 'Colour', values: ['Black', 'Red'] };

describe('product options', () => {
  it('accepts two options whose variants each choose a value of both, in distinct combinations', () => {
    const variants = [variant(['S', 'Black'], 'A'), variant(['S', 'Red'], 'B'), variant(['M', 'Red'], 'C')];
    expect(optionProblems([SIZE, COLOUR], variants)).toEqual([]);
    expect(optionsInput([SIZE, COLOUR], variants)).toEqual({
      options: [SIZE, COLOUR],
      variants: [
        {
          sku: 'A',
          priceMinor: 1000,
          compareAtMinor: null,
          optionValues: [
            { name: 'Size', value: 'S' },
            { name: 'Colour', value: 'Black' },
          ],
        },
        expect.objectContaining({ sku: 'B' }),
        expect.objectContaining({ sku: 'C' }),
      ],
    });
  });

  it('puts each problem at its field: name, values, choice, repeated combination, several variants without option', () => {
    expect(optionProblems([{ name: '', values: ['S'] }], [variant(['S'])])).toEqual([
      { at: 'option-name', option: 0, message: 'Name option 1 (e.g. Colour): it has values.' },
    ]);
    expect(optionProblems([{ name: 'Size', values: [] }], [variant([''])])).toEqual([
      { at: 'option-values', option: 0, message: 'Add the values of Size, e.g. S, M, L.' },
    ]);
    expect(optionProblems([SIZE, { name: 'size', values: ['X'] }], [variant(['S', 'X'])])[0]).toMatchObject({
      at: 'option-name',
      option: 1,
      message: 'Option 1 is already called size.',
    });
    expect(optionProblems([SIZE, COLOUR], [variant(['S', ''])])).toEqual([
      { at: 'choice', variant: 0, option: 1, message: 'Choose the Colour of variant 1.' },
    ]);
    expect(optionProblems([SIZE, COLOUR], [variant(['S', 'Red'], 'A'), variant(['S', 'Red'], 'B')])).toEqual([
      {
        at: 'choice',
        variant: 1,
        option: 0,
        message: 'Variant 1 is already Size S, Colour Red: each variant needs its own combination.',
      },
    ]);
    expect(optionProblems([], [variant([], 'A'), variant([], 'B')])).toEqual([
      { at: 'options', message: 'Add an option (e.g. Size) to tell the variants apart.' },
    ]);
    // An empty option row is ignored, not refused.
    expect(optionProblems([{ name: '', values: [] }], [variant([''])])).toEqual([]);
    expect(optionsInput([{ name: '', values: [] }], [variant([''])]).options).toEqual([]);
  });

  it('round-trips a stored product: every option, value (unused ones too), choice and compare-at price', () => {
    const stored = {
      options: [
        { name: 'Size', values: ['S', 'M', 'L'] },
        { name: 'Colour', values: ['Black', 'Red'] },
      ],
      variants: [
        {
          id: 'v1',
          sku: 'A',
          priceMinor: 1250,
          compareAtMinor: 1500,
          optionValues: [
            { name: 'Colour', value: 'Red' },
            { name: 'Size', value: 'M' },
          ],
        },
        {
          id: 'v2',
          sku: 'B',
          priceMinor: 990,
          compareAtMinor: null,
          optionValues: [
            { name: 'Size', value: 'S' },
            { name: 'Colour', value: 'Black' },
          ],
        },
      ],
    };
    const drafts = optionDrafts(stored);
    expect(drafts.variants[0]).toEqual({
      choices: ['M', 'Red'],
      sku: 'A',
      price: '12.50',
      compareAt: '15.00',
    });
    expect(optionProblems(drafts.options, drafts.variants)).toEqual([]);
    const input = optionsInput(drafts.options, drafts.variants);
    expect(input.options).toEqual(stored.options);
    expect(input.variants).toEqual([
      {
        sku: 'A',
        priceMinor: 1250,
        compareAtMinor: 1500,
        optionValues: [
          { name: 'Size', value: 'M' },
          { name: 'Colour', value: 'Red' },
        ],
      },
      {
        sku: 'B',
        priceMinor: 990,
        compareAtMinor: null,
        optionValues: [
          { name: 'Size', value: 'S' },
          { name: 'Colour', value: 'Black' },
        ],
      },
    ]);
  });
});
