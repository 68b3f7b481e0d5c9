import { urlParts } from './url-parts';

describe('urlParts', () => {
  it('cuts a URL after its separators, and the parts join to the URL again', () => {
    const url = 'https://erp.example.com/hooks/marketplace-orders?tenant=42&v=2#top';
    const parts = urlParts(url);
    expect(parts).toEqual([
      'https://',
      'erp.',
      'example.',
      'com/',
      'hooks/',
      'marketplace-',
      'orders?',
      'tenant=',
      '42&',
      'v=',
      '2#',
      'top',
    ]);
    expect(parts.join('')).toBe(url);
  });

  it('keeps a URL without separators whole', () => {
    expect(urlParts('localhost')).toEqual(['localhost']);
    expect(urlParts('')).toEqual(['']);
  });
});
