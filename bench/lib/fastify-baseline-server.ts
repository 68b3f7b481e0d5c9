/**
 * The yardstick server: a bare Fastify route answering GET /baseline with the same 2 KB JSON document, on the
 * loopback port given as the first argument. Run in a process of its own so the load generator never shares
 * its event loop.
 */
import Fastify from 'fastify';

const DOCUMENT = {
  items: Array.from({ length: 14 }, (_, index) => ({
    id: `01J${String(index).padStart(23, '0')}`,
    title: `Baseline item ${index}`,
    priceMinor: 1_000 + index,
    currency: 'EUR',
    inStock: index % 3 !== 0,
    tags: ['bench', 'baseline', 'fastify'],
  })),
};

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/baseline', async () => DOCUMENT);
  await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
  const address = app.server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, bytes: JSON.stringify(DOCUMENT).length })}\n`,
  );
}

void main();
