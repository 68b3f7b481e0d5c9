import { Observable } from 'rxjs';

/** One live event as the notifications service sends it (ADR 0026). */
export interface LiveMessage {
  channel: string;
  type: string;
  data: Record<string, unknown>;
}

/** A live event, or `reset`: events were missed beyond the replay window, so reload what the page shows. */
export type LiveSignal = LiveMessage | { channel: null; type: 'reset'; data: Record<string, never> };

export interface LiveEventsOptions {
  /** The notifications API as the browser reaches it, e.g. `https://api.example.com/api/v1/notifications`. */
  baseUrl: string;
  /** `stock:<tenantId>:<sku>` (public), `user:<own id>`, `tenant:<own tenant>`, `admins`. */
  channels: string[];
  /** The signed-in user's access token; needed for every channel but `stock:`. */
  token?: () => Promise<string | null>;
  /** First reconnect delay; doubled per failed attempt up to 15 s. */
  retryMs?: number;
}

/**
 * Live events of the given channels while subscribed. The browser's EventSource cannot send an Authorization
 * header, so each connection first gets a single-use ticket with the token; every reconnect (network drop,
 * server restart, another gateway replica) gets a new ticket and resumes after the last event received, so
 * nothing is lost or repeated. Outside a browser it completes at once (server rendering).
 */
export function liveEvents(options: LiveEventsOptions): Observable<LiveSignal> {
  return new Observable<LiveSignal>((subscriber) => {
    if (typeof EventSource === 'undefined') {
      subscriber.complete();
      return undefined;
    }
    const firstDelay = options.retryMs ?? 500;
    let source: EventSource | undefined;
    let lastEventId: string | undefined;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;

    const remember = (event: MessageEvent) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      attempt = 0;
    };
    const retry = () => {
      source?.close();
      source = undefined;
      if (closed) return;
      const delay = Math.min(firstDelay * 2 ** attempt, 15_000);
      attempt += 1;
      timer = setTimeout(() => void open().catch(retry), delay);
    };
    const open = async () => {
      const params = new URLSearchParams({ channels: options.channels.join(',') });
      if (lastEventId) params.set('lastEventId', lastEventId);
      if (options.channels.some((channel) => !channel.startsWith('stock:'))) {
        params.set('ticket', await ticket(options));
      }
      if (closed) return;
      source = new EventSource(`${options.baseUrl}/stream?${params}`);
      source.onmessage = (event: MessageEvent<string>) => {
        remember(event);
        subscriber.next(JSON.parse(event.data) as LiveMessage);
      };
      source.addEventListener('ready', (event) => remember(event as MessageEvent));
      source.addEventListener('reset', (event) => {
        remember(event as MessageEvent);
        subscriber.next({ channel: null, type: 'reset', data: {} });
      });
      // EventSource would reconnect by itself with the used ticket; this reconnects with a fresh one instead.
      source.onerror = retry;
    };

    void open().catch(retry);
    return () => {
      closed = true;
      clearTimeout(timer);
      source?.close();
    };
  });
}

async function ticket(options: LiveEventsOptions): Promise<string> {
  const token = await options.token?.();
  if (!token) throw new Error('Live updates of this channel need a signed-in user');
  const answer = await fetch(`${options.baseUrl}/stream-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (answer.status !== 201) throw new Error(`Stream ticket refused with ${answer.status}`);
  return ((await answer.json()) as { ticket: string }).ticket;
}
