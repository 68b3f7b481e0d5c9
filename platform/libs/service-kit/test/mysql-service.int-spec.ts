import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@marketplace/config';
import { defineEvent, enqueue, outbox, OUTBOX_TABLE_SQL } from '@marketplace/events';
import { eq, sql } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { z } from 'zod';
import { createServiceApp, MySqlDatabase, MySqlServiceModule, mySqlServiceSettings } from '../src';

/** A drizzle-kit migrations folder as a service has one: the library's outbox table and a table of its own. */
function writeProbeMigrations(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kit-migrations-'));
  mkdirSync(join(folder, 'meta'));
  const probes = 'CREATE TABLE `probes` (`id` char(26) NOT NULL PRIMARY KEY, `label` varchar(64) NOT NULL)';
  writeFileSync(
    join(folder, '0000_probe.sql'),
    `${OUTBOX_TABLE_SQL};\n--> statement-breakpoint\n${probes};\n`,
  );
  const journal = {
    version: '7',
    dialect: 'mysql',
    entries: [{ idx: 0, version: '5', when: 1, tag: '0000_probe', breakpoints: true }],
  };
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  return folder;
}

const MIGRATIONS = writeProbeMigrations();
afterAll(() => rmSync(MIGRATIONS, { recursive: true, force: true }));

const ProbeRecorded = defineEvent({
  topic: 'service-kit-test.probe.v1',
  type: 'probe.recorded',
  version: 1,
  payload: z.object({ probeId: z.string() }),
});

/** A feature service as the MySQL services write them: state change and event in one transaction. */
@Injectable()
class ProbeService {
  constructor(private readonly database: MySqlDatabase) {}

  async record(label: string): Promise<string> {
    const probeId = ulid();
    await this.database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO probes (id, label) VALUES (${probeId}, ${label})`);
      await enqueue(tx, ProbeRecorded.create({ probeId }, { tenantId: null }), { key: probeId });
    });
    return probeId;
  }
}

@Module({ providers: [ProbeService] })
class ProbeFeatureModule {}

const configSchema = z.object(mySqlServiceSettings({ service: 'kit-mysql-probe', port: 4999 }));

async function dropDatabase(config: { MYSQL_URL: string; MYSQL_DATABASE: string }): Promise<void> {
  const admin = await mysql.createConnection(config.MYSQL_URL);
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${config.MYSQL_DATABASE}\``);
  } finally {
    await admin.end();
  }
}

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('MySqlServiceModule: a MySQL service on the real stack', () => {
  const config = loadConfig(configSchema, {
    ...process.env,
    MYSQL_DATABASE: `kit_test_${ulid().toLowerCase()}`,
    LOG_LEVEL: 'silent',
    // Far beyond the test's wait: the event below goes out because its commit wakes the relay (ADR 0056).
    OUTBOX_IDLE_POLL_MS: '600000',
  });
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await createServiceApp({
      module: class ProbeAppModule {},
      imports: [MySqlServiceModule.forRoot(config, { migrationsFolder: MIGRATIONS }), ProbeFeatureModule],
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await dropDatabase(config);
  });

  it('creates and migrates the database named in the settings before serving', async () => {
    const [rows] = await app.get(MySqlDatabase).db.execute(sql`SELECT COUNT(*) AS n FROM probes`);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('publishes to Kafka what a feature enqueued with its state change, woken by the commit', async () => {
    const probeId = await app.get(ProbeService).record('first');
    const db = app.get(MySqlDatabase).db;
    const published = await waitFor(async () => {
      const [row] = await db.select().from(outbox).where(eq(outbox.key, probeId));
      return row?.publishedAt ? row : undefined;
    });
    expect(JSON.parse(published.envelope)).toMatchObject({
      type: 'probe.recorded',
      payload: { probeId },
    });
  });

  it('reports MySQL readiness and the outbox depth', async () => {
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { mysql: { status: 'up' } } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/outbox_pending_events\{service="kit-mysql-probe"\} \d+/);
  });
});

describe('MySqlDatabase', () => {
  const settings = (database: string) =>
    loadConfig(configSchema, { ...process.env, MYSQL_DATABASE: database, LOG_LEVEL: 'silent' });

  it('closes its pool on close(); using it afterwards is an error naming the database', async () => {
    const config = settings(`kit_test_${ulid().toLowerCase()}`);
    const database = await MySqlDatabase.fromConfig(config, MIGRATIONS).open();
    try {
      await database.ping();
      await database.close();
      expect(() => database.db).toThrow(`The ${config.MYSQL_DATABASE} database is not open`);
      await expect(database.ping()).rejects.toThrow('is not open');
    } finally {
      await dropDatabase(config);
    }
  });

  it('refuses to open when its migrations cannot be applied, and stays closed', async () => {
    const config = settings(`kit_test_${ulid().toLowerCase()}`);
    const database = MySqlDatabase.fromConfig(config, join(MIGRATIONS, 'no-such-folder'));
    try {
      await expect(database.open()).rejects.toThrow();
      expect(() => database.db).toThrow('is not open');
    } finally {
      await dropDatabase(config);
    }
  });
});
