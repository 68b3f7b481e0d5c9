import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyWebhook, WebhookVerificationError, type WebhookDelivery } from '@marketplace/sdk';

/**
 * An HTTP handler for the marketplace's webhooks: verifies each delivery's Standard Webhooks signature on the
 * raw body, answers 400 to anything unsigned or stale, and hands each event to `onEvent` once — retries carry
 * the same `webhook-id`, so one already handled is acknowledged without handling it again. (A real receiver
 * keeps the seen ids in its database.)
 */
export function webhookHandler(
  secret: string,
  onEvent: (delivery: WebhookDelivery) => Promise<void> | void,
): (request: IncomingMessage, response: ServerResponse) => void {
  const seen = new Set<string>();
  return (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        try {
          const delivery = verifyWebhook(secret, request.headers, Buffer.concat(chunks));
          if (!seen.has(delivery.id)) {
            await onEvent(delivery);
            seen.add(delivery.id);
          }
          response.writeHead(204).end();
        } catch (error) {
          const refused = error instanceof WebhookVerificationError;
          response.writeHead(refused ? 400 : 500, { 'content-type': 'text/plain' });
          response.end(refused ? error.message : 'handler failed');
        }
      })();
    });
  };
}
