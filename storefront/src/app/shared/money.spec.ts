import { currencyDigits, formatMoney, toMajorUnits, toMinorUnits } from './money';

describe('money', () => {
  it('formats minor units by the currency', () => {
    expect(formatMoney(1999, 'EUR', 'en-US')).toBe('€19.99');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    // Intl separates some currency codes with a no-break space.
    expect(formatMoney(1234, 'KWD', 'en-US').replace(/\s/g, ' ')).toBe('KWD 1.234');
    expect(formatMoney(1999, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('19,99 €');
  });

  it('converts typed amounts to minor units and refuses what is not an amount', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(toMinorUnits('19.99', 'EUR')).toBe(1999);
    expect(toMinorUnits('0.1', 'EUR')).toBe(10);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    for (const bad of ['-1', 'abc', '', '1e3']) expect(toMinorUnits(bad, 'EUR')).toBeNull();
    expect(toMajorUnits(4999, 'EUR')).toBe('49.99');
  });
});
