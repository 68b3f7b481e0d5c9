import { TcpRelay, waitFor } from '@marketplace/testing';
import { ulid } from 'ulid';
import { MongoDatabase } from '../src';

const mongoUrl = () => {
  const url = process.env.MONGODB_URL;
  if (!url) throw new Error('MONGODB_URL is not set: run eval "$(platform/stack/stack env)" first');
  return url;
};

/** The stack's MongoDB URL with its host replaced by the relay's port. */
function throughRelay(relay: TcpRelay): string {
  const url = new URL(mongoUrl());
  url.host = new URL(relay.url).host;
  return url.toString();
}

/** The readiness check's outcome: `up`, or the message it failed with. */
async function readiness(database: MongoDatabase): Promise<string> {
  try {
    await database.ping();
    return 'up';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the MongoDB readiness check', () => {
  let relay: TcpRelay;
  let database: MongoDatabase;

  beforeAll(async () => {
    relay = (await TcpRelay.open()).to(mongoUrl().replace(/^mongodb:/, 'http:'));
    database = await new MongoDatabase({
      url: throughRelay(relay),
      database: `readiness_${ulid().toLowerCase()}`,
    }).open();
  });
  afterAll(async () => {
    await relay.restore();
    await database.close();
    await relay.cut();
  });

  it('answers "down" from the driver\'s monitoring while the server is unreachable, without waiting for a server', async () => {
    expect(await readiness(database)).toBe('up');

    await relay.cut();
    // The first check after the outage may still try the server (and fail on the reset connection); from then on
    // the driver knows no server, and every check answers from that knowledge instead of selecting one.
    await waitFor('readiness down', async () =>
      (await readiness(database)) === 'MongoDB has no reachable server' ? true : undefined,
    );
    expect(await readiness(database)).toBe('MongoDB has no reachable server');

    // Back when the server is: the driver's heartbeat finds it again.
    await relay.restore();
    await waitFor(
      'readiness up again',
      async () => ((await readiness(database)) === 'up' ? true : undefined),
      {
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    );
  }, 60_000);
});
