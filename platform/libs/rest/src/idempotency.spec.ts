import { isValidIdempotencyKey, requestFingerprint } from './idempotency';

describe('requestFingerprint', () => {
  const body = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('is the same for the same JSON content, whatever the key order or spacing', () => {
    expect(requestFingerprint('POST', '/api/v1/x', body({ a: 1, b: [1, { c: 2, d: 3 }] }))).toBe(
      requestFingerprint('post', '/api/v1/x', Buffer.from('{ "b": [1, {"d": 3, "c": 2}], "a": 1 }')),
    );
  });

  it('differs by body, path and method', () => {
    const base = requestFingerprint('POST', '/api/v1/x', body({ a: 1 }));
    expect(requestFingerprint('POST', '/api/v1/x', body({ a: 2 }))).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/y', body({ a: 1 }))).not.toBe(base);
    expect(requestFingerprint('PUT', '/api/v1/x', body({ a: 1 }))).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/x', Buffer.from('not json'))).not.toBe(
      requestFingerprint('POST', '/api/v1/x', Buffer.from('not  json')),
    );
  });
});

describe('isValidIdempotencyKey', () => {
  it('takes 1-255 visible ASCII characters', () => {
    expect(isValidIdempotencyKey('0b7f4c1e-3c4f-4d3a-9a51-0c8f3d2a1b7e')).toBe(true);
    expect(isValidIdempotencyKey('x'.repeat(255))).toBe(true);
    expect(isValidIdempotencyKey('')).toBe(false);
    expect(isValidIdempotencyKey('x'.repeat(256))).toBe(false);
    expect(isValidIdempotencyKey('with space')).toBe(false);
    expect(isValidIdempotencyKey('naïve')).toBe(false);
  });
});
