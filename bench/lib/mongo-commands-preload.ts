/**
 * Preloaded beside cpu-profiler-preload.ts when a bench profiles (lib/profiling.ts): counts the MongoDB commands
 * the process sends, by command and collection, with the time each took from request to reply, between the same
 * two SIGWINCH signals that start and stop the CPU profile, and writes `<pid>.mongo-commands.json` into
 * BENCH_CPU_PROFILE_DIR. So a bench can say how many round trips each request costs and where they wait.
 * Command monitoring is switched on for every client the process connects (the driver's `monitorCommands`).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient, type CommandStartedEvent, type CommandSucceededEvent } from 'mongodb';

export interface MongoCommandTally {
  command: string;
  collection: string;
  count: number;
  totalMs: number;
  maxMs: number;
  failed: number;
}

const directory = process.env.BENCH_CPU_PROFILE_DIR;

if (directory) {
  let counting = false;
  const tallies = new Map<string, MongoCommandTally>();
  const started = new Map<string, { key: string; at: number }>();
  // Handshakes, heartbeats and session plumbing are not the service's own round trips.
  const ignored = new Set([
    'hello',
    'ismaster',
    'isMaster',
    'ping',
    'endSessions',
    'saslStart',
    'saslContinue',
  ]);

  const onStarted = (event: CommandStartedEvent) => {
    if (!counting || ignored.has(event.commandName)) return;
    const target = event.command[event.commandName] as unknown;
    const collection =
      typeof target === 'string'
        ? target
        : event.commandName === 'getMore'
          ? String(event.command.collection)
          : '';
    const key = `${event.commandName}\u0000${collection}`;
    if (!tallies.has(key))
      tallies.set(key, { command: event.commandName, collection, count: 0, totalMs: 0, maxMs: 0, failed: 0 });
    started.set(`${event.connectionId}:${event.requestId}`, { key, at: performance.now() });
  };
  const onFinished = (event: CommandSucceededEvent, failed: boolean) => {
    const id = `${event.connectionId}:${event.requestId}`;
    const start = started.get(id);
    if (!start) return;
    started.delete(id);
    const tally = tallies.get(start.key)!;
    const ms = performance.now() - start.at;
    tally.count += 1;
    tally.totalMs += ms;
    tally.maxMs = Math.max(tally.maxMs, ms);
    if (failed) tally.failed += 1;
  };

  const connect = MongoClient.prototype.connect;
  const watched = new WeakSet<MongoClient>();
  MongoClient.prototype.connect = function (this: MongoClient) {
    if (!watched.has(this)) {
      watched.add(this);
      // The driver's own switch (a setter its typings leave out), read when the client connects.
      (this as unknown as { monitorCommands: boolean }).monitorCommands = true;
      this.on('commandStarted', onStarted);
      this.on('commandSucceeded', (event) => onFinished(event, false));
      this.on('commandFailed', (event) => onFinished(event as unknown as CommandSucceededEvent, true));
    }
    return connect.call(this);
  } as typeof connect;

  process.on('SIGWINCH', () => {
    if (!counting) {
      tallies.clear();
      started.clear();
      counting = true;
      return;
    }
    counting = false;
    const file = join(directory, `${process.pid}.mongo-commands.json`);
    writeFileSync(`${file}.part`, JSON.stringify([...tallies.values()]));
    renameSync(`${file}.part`, file);
  });
}
