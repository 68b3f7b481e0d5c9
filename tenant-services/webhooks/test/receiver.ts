import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  timestamp: number;
  signatures: string[];
  body: string;
  type: string;
  data: Record<string, unknown>;
  /** When the receiver had read the whole request. */
  receivedAt: number;
}

/**
 * A local webhook receiver on 127.0.0.1, written as an integrator would from the Standard Webhooks spec (its own
 * HMAC code, not the service's). `mode` decides the answers: `ok` acknowledges (204), `failing` answers 503,
 * `slow` waits `slowMs` before acknowledging.
 */
export class Receiver {
  readonly acknowledged: Received[] = [];
  readonly refused: Received[] = [];
  mode: 'ok' | 'failing' | 'slow' = 'ok';
  /** When each request had been read, answered or not. */
  readonly requestTimes: number[] = [];
  slowMs = 3_000;
  private server: Server | undefined;
  private readonly waiting = new Set<NodeJS.Timeout>();
  private port = 0;

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Stops listening: attempts meet a refused connection until `listen()` again (same port). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const timer of this.waiting) clearTimeout(timer);
    this.waiting.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requestTimes.push(Date.now());
        const received = parse(request.headers, Buffer.concat(chunks).toString('utf8'));
        const answer = () => {
          if (this.mode === 'failing') {
            this.refused.push(received);
            response.writeHead(503).end('receiver unavailable '.repeat(100));
          } else {
            this.acknowledged.push(received);
            response.writeHead(204).end();
          }
        };
        if (this.mode !== 'slow') return answer();
        const timer = setTimeout(() => {
          this.waiting.delete(timer);
          answer();
        }, this.slowMs);
        this.waiting.add(timer);
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Acknowledged deliveries whose `data.id` (or sku) is `resource`. */
  of(resource: string): Received[] {
    return this.acknowledged.filter(
      (entry) => entry.data['id'] === resource || entry.data['sku'] === resource,
    );
  }
}

function parse(headers: IncomingHttpHeaders, body: string): Received {
  const payload = JSON.parse(body) as { type: string; data: Record<string, unknown> };
  return {
    id: String(headers['webhook-id']),
    timestamp: Number(headers['webhook-timestamp']),
    signatures: String(headers['webhook-signature']).split(' '),
    body,
    type: payload.type,
    data: payload.data,
    receivedAt: Date.now(),
  };
}

/** Standard Webhooks verification: HMAC-SHA256 with the base64 key after `whsec_`, over `id.timestamp.body`. */
export function verifies(secret: string, received: Received, toleranceSeconds = 300): boolean {
  if (Math.abs(Date.now() / 1000 - received.timestamp) > toleranceSeconds) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${received.id}.${received.timestamp}.${received.body}`)
    .digest('base64');
  return received.signatures.some((signature) => {
    const [version, value] = signature.split(',');
    return (
      version === 'v1' &&
      value !== undefined &&
      value.length === expected.length &&
      timingSafeEqual(Buffer.from(value), Buffer.from(expected))
    );
  });
}
