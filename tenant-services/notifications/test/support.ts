import { loadConfig } from '@marketplace/config';
import { KafkaSender, type OutgoingEvent } from '@marketplace/events';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import { eq } from 'drizzle-orm';
import {
  startMySqlServiceUnderTest,
  testServiceEnv,
  waitFor,
  type ServiceUnderTest,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { configSchema, type NotificationsConfig } from '../src/config';
import { MailSender } from '../src/mail/mail-sender';
import { emails } from '../src/mail/mail.schema';

export interface NotificationsTestApp extends ServiceUnderTest {
  config: NotificationsConfig;
  /** Publishes events to Kafka as their producers would. */
  publish(...events: OutgoingEvent[]): Promise<void>;
  /** Sends the queued mail now. */
  sendMail(): Promise<number>;
  /**
   * The messages Mailpit caught for an address that this app sent (their Message-ID is one of its queue ids):
   * other notifications services running beside the test consume the same events and mail the same addresses.
   */
  mailTo(address: string): Promise<CaughtMail[]>;
  /** Waits for a message this app sent to an address with the subject part. */
  waitForMail(address: string, subjectPart: string): Promise<CaughtMail>;
}

/**
 * The service in-process against the real stack: a database, consumer group and Redis key prefix of its own,
 * mail sent when the test says so (the periodic sender is off).
 */
export async function startNotificationsApp(
  overrides: Record<string, string> = {},
): Promise<NotificationsTestApp> {
  const run = ulid().toLowerCase();
  const service = await startMySqlServiceUnderTest(
    loadConfig(
      configSchema,
      testServiceEnv('notifications', {
        EVENTS_GROUP: `notifications-test-${run}`,
        LIVE_KEY_PREFIX: `notifications-test-${run}`,
        MAIL_SEND_INTERVAL_MS: '0',
        ...overrides,
      }),
    ),
    (config) => createServiceApp(AppModule.forRoot(config)),
  );
  const ownMailTo = async (address: string) => {
    const queued = await service.app
      .get(MySqlDatabase)
      .db.select({ id: emails.id })
      .from(emails)
      .where(eq(emails.toAddress, address));
    const ids = new Set(queued.map((row) => row.id));
    return (await mailTo(address)).filter((mail) => ids.has(mail.MessageID.split('@')[0]!));
  };
  const kafka = new KafkaSender({
    brokers: service.config.KAFKA_BROKERS,
    clientId: `notifications-test-${run}`,
  });
  return {
    ...service,
    publish: async (...events) => {
      await kafka.send(
        events.map((event) => ({
          topic: event.topic,
          key: keyOf(event),
          value: JSON.stringify(event.envelope),
          headers: {},
        })),
      );
    },
    sendMail: () => service.app.get(MailSender).sweep(),
    mailTo: ownMailTo,
    waitForMail: (address, subjectPart) =>
      waitFor(`mail "${subjectPart}" to ${address}`, async () =>
        (await ownMailTo(address)).find((mail) => mail.Subject.includes(subjectPart)),
      ),
    async close() {
      await kafka.close();
      await service.close();
    },
  };
}

/** The key its producer gives an event: the buyer order, else the seller, so that one order's events stay in order. */
function keyOf(event: OutgoingEvent): string {
  const payload = event.envelope.payload as { buyerOrderId?: string; tenantId?: string };
  return payload.buyerOrderId ?? payload.tenantId ?? event.envelope.id;
}

/** One message of Mailpit's API. */
export interface CaughtMail {
  ID: string;
  MessageID: string;
  Subject: string;
  To: { Address: string }[];
  Text: string;
  HTML: string;
}

/** The messages Mailpit caught for an address (newest first), read through its HTTP API. */
async function mailTo(address: string): Promise<CaughtMail[]> {
  const base = process.env.MAILPIT_URL ?? 'http://127.0.0.1:18025';
  const search = await fetch(`${base}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`);
  if (!search.ok) throw new Error(`Mailpit search failed with ${search.status}`);
  const { messages } = (await search.json()) as { messages: { ID: string }[] };
  return Promise.all(
    messages.map(
      async ({ ID }) => (await (await fetch(`${base}/api/v1/message/${ID}`)).json()) as CaughtMail,
    ),
  );
}

/** A parsed Server-Sent Event. */
export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * A browser-like EventSource reader over fetch: collects events, lets the test wait for one and close the
 * connection (as a network drop would) to reconnect with the last event id.
 */
export class EventStreamReader {
  readonly events: ServerSentEvent[] = [];
  lastEventId: string | undefined;
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
    const reader = new EventStreamReader();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: reader.abort.signal,
    });
    if (response.status !== 200) throw new StreamRefused(response.status, await response.text());
    reader.done = reader.read(response.body!);
    return reader;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon === 0) continue;
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') {
              event.data = hasData ? `${event.data}\n${value}` : value;
              hasData = true;
            }
          }
          if (event.id !== undefined) this.lastEventId = event.id;
          if (hasData) this.events.push(event);
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  /** The data of `message` events, parsed. */
  messages<T = { channel: string; type: string; data: Record<string, unknown> }>(): T[] {
    return this.events
      .filter((event) => event.event === 'message')
      .map((event) => JSON.parse(event.data) as T);
  }

  waitForEvent(
    what: string,
    match: (event: ServerSentEvent) => boolean,
    timeoutMs = 15_000,
  ): Promise<ServerSentEvent> {
    return waitFor(what, () => this.events.find(match), { timeoutMs, intervalMs: 20 });
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

export class StreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`stream refused with ${status}: ${body}`);
  }
}
