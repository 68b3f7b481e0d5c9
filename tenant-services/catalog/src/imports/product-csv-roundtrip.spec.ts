import { PRODUCT_CSV_COLUMNS, productCsvRows, type ProductCsvSource } from '@marketplace/contracts';
import { createProductSchema } from '../products/product.inputs';
import { csvProductRowSchema } from './csv-product-row';
import { groupRows, parseCsv, toProductInput } from './product-import.service';

/** The CSV the seller portal writes (shared/csv.ts): every cell quoted, formulas guarded, CRLF line ends. */
function csvOf(rows: Record<string, string>[]): string {
  const quote = (cell: string) => `"${(/^[=+\-@]/.test(cell) ? `'${cell}` : cell).replace(/"/g, '""')}"`;
  return [
    PRODUCT_CSV_COLUMNS.map(quote).join(','),
    ...rows.map((row) => PRODUCT_CSV_COLUMNS.map((c) => quote(row[c] ?? '')).join(',')),
  ].join('\r\n');
}

/** What the import creates from a CSV: one createProduct input per product. */
function imported(csv: string) {
  return groupRows(parseCsv(csv)).map((group) => {
    const rows = group.map(({ cells }) => csvProductRowSchema.parse(cells));
    return createProductSchema.parse(toProductInput(rows, rows[0]!.category ?? null));
  });
}

const notebook: ProductCsvSource = {
  id: '01JD0000000000000000000001',
  title: 'Notebook "Dot"; A5 = small',
  description: '-- Dotted pages.\nLay-flat binding, 120 g/m² paper; 96 sheets.',
  categoryId: '01JD0000000000000000000CAT',
  currency: 'EUR',
  status: 'PUBLISHED',
  attributes: [
    { name: 'Paper', value: 'FSC; recycled' },
    { name: 'Pages', value: '192 | dotted' },
    { name: 'Back\\slash', value: 'a=b' },
  ],
  options: [
    { name: 'Size', values: ['A5', 'A4', 'B5'] },
    { name: 'Colour', values: ['Black', 'Red|Orange'] },
  ],
  variants: [
    {
      sku: 'NB-A5-K',
      priceMinor: 990,
      compareAtMinor: 1200,
      optionValues: [
        { name: 'Size', value: 'A5' },
        { name: 'Colour', value: 'Black' },
      ],
    },
    {
      sku: 'NB-A4-R',
      priceMinor: 1150,
      compareAtMinor: null,
      optionValues: [
        { name: 'Size', value: 'A4' },
        { name: 'Colour', value: 'Red|Orange' },
      ],
    },
  ],
  images: ['media-1', 'media-2'],
  imageAlts: ['A black notebook | closed', ''],
};

describe('product CSV: export then import', () => {
  it('writes every column the import reads', () => {
    expect(Object.keys(productCsvRows(notebook)[0]!).sort()).toEqual([...PRODUCT_CSV_COLUMNS].sort());
  });

  it('imports an exported product back to the same product: options, variants, prices, attributes, category, pictures', () => {
    const [product, ...others] = imported(csvOf(productCsvRows(notebook)));
    expect(others).toEqual([]);
    expect(product).toEqual(
      createProductSchema.parse({
        title: notebook.title,
        description: notebook.description,
        categoryId: notebook.categoryId,
        currency: notebook.currency,
        attributes: notebook.attributes,
        options: notebook.options,
        variants: notebook.variants,
        images: notebook.images,
        imageAlts: notebook.imageAlts,
      }),
    );
  });

  it('keeps the products of a file apart, a single-variant product without options too', () => {
    const pen: ProductCsvSource = {
      ...notebook,
      id: '01JD0000000000000000000002',
      title: 'Pen',
      categoryId: null,
      attributes: [],
      options: [],
      variants: [{ sku: 'PEN-1', priceMinor: 2500, optionValues: [] }],
      images: [],
      imageAlts: [],
    };
    const products = imported(csvOf([...productCsvRows(notebook), ...productCsvRows(pen)]));
    expect(products.map((p) => [p.title, p.variants.map((v) => v.sku)])).toEqual([
      [notebook.title, ['NB-A5-K', 'NB-A4-R']],
      ['Pen', ['PEN-1']],
    ]);
    expect(products[1]).toMatchObject({ options: [], attributes: [], images: [], categoryId: null });
  });

  it('still reads the files of before: a row per product, options from the variants when not declared', () => {
    expect(
      imported('title,currency,sku,price_minor,option_values\nMug,EUR,M-1,900,Colour=Blue\nCup,EUR,C-1,500,'),
    ).toMatchObject([
      { title: 'Mug', options: [{ name: 'Colour', values: ['Blue'] }] },
      { title: 'Cup', options: [] },
    ]);
  });
});
