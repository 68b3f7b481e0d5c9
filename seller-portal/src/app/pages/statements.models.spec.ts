import { monthsBack, statementsQuery } from './statements.models';

describe('statements', () => {
  it('lists UTC months newest first, across the turn of the year', () => {
    expect(monthsBack(new Date('2026-02-15T00:00:00Z'), 4)).toEqual([
      '2026-02',
      '2026-01',
      '2025-12',
      '2025-11',
    ]);
    expect(monthsBack(new Date('2026-02-15T00:00:00Z'), 2, 4)).toEqual(['2025-10', '2025-09']);
  });
  it('asks for every month in one request', () => {
    expect(statementsQuery(['2026-02', '2026-01'])).toMatch(
      /m0: sellerStatements\(month: "2026-02"\).*m1: sellerStatements\(month: "2026-01"\)/,
    );
  });
});
