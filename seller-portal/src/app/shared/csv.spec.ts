import { headerOf, toCsv } from './csv';

describe('csv', () => {
  it('quotes every cell, doubles quotes and defuses formulas', () => {
    expect(
      toCsv([
        ['a', 'say "hi"', 3],
        ['=SUM(A1)', '-5', -5],
      ]),
    ).toBe('"a","say ""hi""","3"\r\n"\'=SUM(A1)","\'-5","-5"');
  });

  it('reads the header row, with or without quotes and byte order mark', () => {
    expect(headerOf('\uFEFF"Title", currency ,SKU\r\nx,y,z')).toEqual(['title', 'currency', 'sku']);
    expect(headerOf('')).toEqual(['']);
  });
});
