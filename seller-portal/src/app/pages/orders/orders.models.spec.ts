import { httpsUrlValidator, placedRange, statusLabel } from './orders.models';

describe('placedRange', () => {
  it('covers whole UTC days, the last one included', () => {
    expect(placedRange('2026-11-01', '2026-11-30')).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      before: '2026-12-01T00:00:00.000Z',
      problem: '',
    });
    expect(placedRange(undefined, '2026-11-30')).toMatchObject({
      from: null,
      before: '2026-12-01T00:00:00.000Z',
    });
    expect(placedRange('2026-11-30', '2026-11-30')).toMatchObject({ problem: '' });
  });

  it('refuses a last day before the first, and days that do not exist', () => {
    expect(placedRange('2026-11-30', '2026-11-01').problem).toBe(
      'The last day must not be before the first.',
    );
    expect(placedRange('2026-13-45', undefined).problem).toBe('Dates must be real days (YYYY-MM-DD).');
  });

  it('labels statuses', () => {
    expect(statusLabel('partially_refunded')).toBe('Partially refunded');
  });
});

describe('httpsUrlValidator', () => {
  const check = (value: string) => httpsUrlValidator({ value } as never);
  it('takes an empty field or an https link to a public host', () => {
    expect(check('')).toBeNull();
    expect(check('https://www.dhl.de/track?piececode=1')).toBeNull();
  });
  it('refuses other schemes, bare hosts and text', () => {
    expect(check('http://track.example.com')).toEqual({ message: 'Tracking page must start with https://.' });
    expect(check('javascript:alert(1)')).toEqual({ message: 'Tracking page must start with https://.' });
    expect(check('https://localhost/x')).toEqual({ message: 'Tracking page must name a public host.' });
    expect(check('dhl tracking')?.['message']).toMatch(/web address/);
  });
});
