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

  it('exports one row per variant in the import format', () => {
    const product = {
      title: 'Pen',
      description: 'Blue',
      currency: 'EUR',
      status: 'PUBLISHED',
      images: ['m1', 'm2'],
      imageAlts: ['Cap off | nib up', ''],
      variants: [
        { id: 'v1', sku: 'P-F', priceMinor: 2500, optionValues: [] },
        { id: 'v2', sku: 'P-M', priceMinor: 2750, optionValues: [] },
      ],
    } as unknown as ProductDetail;
    const rows = exportRows([product]);
    expect(rows[0]).toContain('price_minor');
    expect(rows.slice(1)).toEqual([
      ['Pen', 'Blue', '', 'EUR', 'P-F', 2500, '', '', 'm1|m2', 'Cap off / nib up|', 'published'],
      ['Pen', 'Blue', '', 'EUR', 'P-M', 2750, '', '', 'm1|m2', 'Cap off / nib up|', 'published'],
    ]);
  });
});
