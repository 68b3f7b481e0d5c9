import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { clientCredentials, createMarketplaceClient } from '@marketplace/sdk';
import { listTodaysOrders, syncStockFromCsv, webhookHandler } from './index';

const USAGE = `usage: pnpm --filter @marketplace/example-integrator start -- <command>
  sync-stock <file.csv>      sets stock from sku,on_hand rows
  todays-orders              prints the seller orders created today (UTC)
  receive-webhooks [port]    verifies and prints webhook deliveries (default port 8787)
environment: MARKETPLACE_API_URL, MARKETPLACE_TOKEN_URL, MARKETPLACE_CLIENT_ID, MARKETPLACE_CLIENT_SECRET,
             MARKETPLACE_WEBHOOK_SECRET (whsec_...) for receive-webhooks`;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set\n${USAGE}`);
  return value;
}

function api() {
  return createMarketplaceClient({
    baseUrl: env('MARKETPLACE_API_URL'),
    accessToken: clientCredentials({
      tokenUrl: env('MARKETPLACE_TOKEN_URL'),
      clientId: env('MARKETPLACE_CLIENT_ID'),
      clientSecret: env('MARKETPLACE_CLIENT_SECRET'),
    }),
  });
}

async function main([command, argument]: string[]): Promise<void> {
  if (command === 'sync-stock' && argument) {
    const result = await syncStockFromCsv(api(), await readFile(argument, 'utf8'));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (result.failed.length > 0) process.exitCode = 1;
  } else if (command === 'todays-orders') {
    for (const order of await listTodaysOrders(api()))
      process.stdout.write(
        `${order.createdAt} ${order.id} ${order.status} ${order.subtotal} ${order.currency}\n`,
      );
  } else if (command === 'receive-webhooks') {
    const port = Number(argument ?? 8787);
    const handler = webhookHandler(env('MARKETPLACE_WEBHOOK_SECRET'), (delivery) => {
      process.stdout.write(`${delivery.id} ${JSON.stringify(delivery.payload)}\n`);
    });
    createServer(handler).listen(port, '127.0.0.1', () =>
      process.stdout.write(`listening on http://127.0.0.1:${port}\n`),
    );
  } else {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
