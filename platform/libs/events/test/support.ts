import { createServer, Server, Socket, connect } from 'node:net';
import { Admin, Consumer, Message, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { drizzle } from 'drizzle-orm/mysql2';
import { Db, MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { createEventTables, EventsLogger, MySqlDb } from '../src';

// Values of platform/stack/defaults.env; `npm test` exports them from `stack env`.
export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const mysqlUrl = process.env.MYSQL_URL ?? 'mysql://marketplace:marketplace@127.0.0.1:13306';
const mongoUrl = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:37017';

export type StringMessage = Message<string, string, string, string>;

export function uniqueName(prefix: string): string {
  return `${prefix}-${ulid().toLowerCase()}`;
}

/** Collects what the library logs, so tests can also check what it reported. */
export function memoryLogger(): EventsLogger & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}

export interface TestDatabase {
  db: MySqlDb;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database with the outbox and processed_events tables, dropped by `drop()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `events_test_${ulid().toLowerCase()}`;
  const admin = await mysql.createConnection(mysqlUrl);
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.end();
  const pool = mysql.createPool({ uri: `${mysqlUrl}/${name}`, connectionLimit: 10 });
  const db = drizzle({ client: pool });
  await createEventTables(db);
  return {
    db,
    name,
    async drop() {
      await pool.end();
      const conn = await mysql.createConnection(mysqlUrl);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

/** Registers hooks that give each test its own MongoDB database, dropped after it; read `.db` in tests. */
export function mongoDatabasePerTest(): { readonly db: Db } {
  let client: MongoClient | undefined;
  const current = {} as { db: Db };
  beforeAll(async () => {
    client = await MongoClient.connect(mongoUrl);
  });
  beforeEach(() => {
    current.db = client!.db(`events_test_${ulid().toLowerCase()}`);
  });
  afterEach(async () => {
    await current.db.dropDatabase();
  });
  afterAll(async () => {
    await client?.close();
  });
  return current;
}

export async function createTopics(topics: string[], partitions = 3): Promise<void> {
  const admin = new Admin({ clientId: uniqueName('events-test-admin'), bootstrapBrokers: brokers });
  try {
    await admin.createTopics({ topics, partitions, replicas: 1 });
  } finally {
    await admin.close();
  }
}

export async function deleteTopics(topics: string[]): Promise<void> {
  const admin = new Admin({ clientId: uniqueName('events-test-admin'), bootstrapBrokers: brokers });
  try {
    await admin.deleteTopics({ topics });
  } catch {
    // Topics a test never created (e.g. an unused dead-letter topic) are fine to miss.
  } finally {
    await admin.close();
  }
}

/** Sends raw messages, bypassing the outbox: how tests simulate redeliveries and poison messages. */
export async function produceRaw(
  messages: { topic: string; key: string; value: string; headers?: Record<string, string> }[],
): Promise<void> {
  const producer = new Producer({ clientId: uniqueName('events-test-producer'), bootstrapBrokers: brokers, serializers: stringSerializers });
  try {
    await producer.send({ messages });
  } finally {
    await producer.close();
  }
}

/** Reads a topic from the beginning with a throw-away group into an array, until `stop()`. */
export async function readTopic(topic: string): Promise<{ messages: StringMessage[]; stop(): Promise<void> }> {
  const consumer = new Consumer({
    clientId: uniqueName('events-test-reader'),
    groupId: uniqueName('events-test-reader'),
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
    maxWaitTime: 200,
  });
  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
  const messages: StringMessage[] = [];
  stream.on('data', (message) => messages.push(message));
  return {
    messages,
    async stop() {
      await stream.close();
      await consumer.close(true);
    },
  };
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lets in-flight deliveries arrive before asserting that something did NOT happen. */
export function settle(ms = 1500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A loopback port with nothing listening: connections to it are refused. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Plain TCP forwarding from a loopback port to the real broker, opened once the test decides. */
export async function startTcpForwarder(port: number, target: string): Promise<{ close(): Promise<void> }> {
  const [host, targetPort] = target.split(':');
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(targetPort), host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
