import { mainFigures, shortTitle, type SellerDashboard } from './dashboard.models';

describe('dashboard figures', () => {
  it('shows the currency with the most sales, or zeros in the store currency before the first sale', () => {
    const dashboard = {
      figures: [
        { currency: 'SEK', sales: 10, orders: 1 },
        { currency: 'EUR', sales: 5, orders: 1 },
      ],
    } as SellerDashboard;
    expect(mainFigures(dashboard, 'EUR').currency).toBe('SEK');
    expect(mainFigures({ ...dashboard, figures: [] }, 'EUR')).toMatchObject({ currency: 'EUR', sales: 0 });
    expect(mainFigures(null, 'NOK')).toMatchObject({ currency: 'NOK', orders: 0 });
  });

  it('cuts long product titles for the chart', () => {
    expect(shortTitle('Pen')).toBe('Pen');
    expect(shortTitle('x'.repeat(30))).toBe(`${'x'.repeat(23)}…`);
  });
});
