import { csvProblem, exportRows } from './product-import.page';
import type { ProductDetail } from './products.models';

describe('CSV import checks', () => {
  const good = 'title,currency,sku,price_minor\nPen,EUR,P-1,2500\n';

  it('accepts a product CSV, with or without alt texts for its images', () => {
    expect(csvProblem('p.csv', good.length, good)).toBe('');
    const withAlts = 'title,currency,sku,price_minor,images,image_alts\nPen,EUR,P-1,2500,m1|m2,Cap off|\n';
    expect(csvProblem('a.csv', withAlts.length, withAlts)).toBe('');
  });

  it('refuses empty, oversized, header-less and unknown-column files before sending them', () => {
    expect(csvProblem('e.csv', 0, '')).toBe('e.csv is empty.');
    expect(csvProblem('big.csv', 6 * 1024 * 1024, good)).toContain('larger than 5 MB');
    expect(csvProblem('x.csv', 10, 'Pen,EUR,P-1,2500\n')).toContain(
      'title, currency, sku, price_minor are missing',
    );
    expect(csvProblem('u.csv', 10, 'title,currency,sku,price_minor,colour\nPen,EUR,P,1')).toBe(
      'u.csv has unknown columns: colour.',
    );
    expect(csvProblem('h.csv', 10, 'title,currency,sku,price_minor\n')).toBe('h.csv has no product rows.');
  });

  it('exports one row per variant with every column the import reads, nothing left empty that the product has', () => {
    const product = {
      id: '01JD0000000000000000000001',
      title: 'Pen',
      description: 'Blue',
      categoryId: 'cat-1',
      currency: 'EUR',
      status: 'PUBLISHED',
      attributes: [{ name: 'Nib', value: 'Steel; polished' }],
      options: [{ name: 'Nib', values: ['F', 'M'] }],
      images: ['m1', 'm2'],
      imageAlts: ['Cap off | nib up', ''],
      variants: [
        {
          id: 'v1',
          sku: 'P-F',
          priceMinor: 2500,
          compareAtMinor: 3000,
          optionValues: [{ name: 'Nib', value: 'F' }],
        },
        {
          id: 'v2',
          sku: 'P-M',
          priceMinor: 2750,
          compareAtMinor: null,
          optionValues: [{ name: 'Nib', value: 'M' }],
        },
      ],
    } as unknown as ProductDetail;
    const rows = exportRows([product]);
    expect(rows[0]).toEqual([
      'product',
      'title',
      'description',
      'category',
      'currency',
      'sku',
      'price_minor',
      'compare_at_minor',
      'attributes',
      'options',
      'option_values',
      'images',
      'image_alts',
      'status',
    ]);
    const shared = (sku: string, price: string, compareAt: string, nib: string) => [
      '01JD0000000000000000000001',
      'Pen',
      'Blue',
      'cat-1',
      'EUR',
      sku,
      price,
      compareAt,
      'Nib=Steel\\; polished',
      'Nib=F|M',
      `Nib=${nib}`,
      'm1|m2',
      'Cap off \\| nib up|',
      'published',
    ];
    expect(rows.slice(1)).toEqual([shared('P-F', '2500', '3000', 'F'), shared('P-M', '2750', '', 'M')]);
    // Every exported column is one the import takes.
    const csv = rows.map((row) => row.join(',')).join('\n');
    expect(csvProblem('export.csv', csv.length, csv)).toBe('');
  });
});
