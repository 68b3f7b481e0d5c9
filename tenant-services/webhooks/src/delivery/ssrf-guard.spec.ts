import { isForbiddenAddress } from './ssrf-guard';
import { WebhookSender } from './webhook-sender';

describe('SSRF guard', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.20.30.40',
    '172.31.255.1',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:10.0.0.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:93.184.216.34'])('allows %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('refuses a host name that resolves to loopback before connecting, and plain http, when on', async () => {
    const sender = new WebhookSender({ timeoutMs: 1_000, guard: true, socketsPerEndpoint: 1 });
    try {
      const viaName = await sender.send('endpoint', 'https://localhost:1/hooks', {}, '{}');
      expect(viaName.ok).toBe(false);
      expect(viaName.status).toBeUndefined();
      expect(viaName.error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1)/);
      const plain = await sender.send('endpoint', 'http://example.com/hooks', {}, '{}');
      expect(plain).toMatchObject({ ok: false, error: expect.stringMatching(/^refused/) });
    } finally {
      sender.close();
    }
  });
});
