/**
 * Preloaded into a service process by the benches (NODE_OPTIONS `--require`) when they profile: SIGWINCH (ignored
 * by default, and not one of the signals Nest's shutdown hooks end the process on, unlike SIGUSR2) starts
 * V8's CPU profiler in this process, the next SIGWINCH stops it and writes `<pid>.cpuprofile` into
 * BENCH_CPU_PROFILE_DIR. The profile then covers the measured load only (not boot), and is written without the
 * process exiting: `node --cpu-prof` writes only on a normal exit, and Nest's shutdown hooks re-raise SIGTERM.
 *
 * Over the same window it counts the process's SQL statements (mysql2's `mysql2:query` / `mysql2:execute`
 * diagnostics channels, literals replaced by `?`), the HTTP requests it answers and the HTTP requests it makes
 * (Node's `http.server.request.start` and undici's `undici:request:create` channels, ids in paths replaced by
 * `:id`), and writes them to `<pid>.calls.json` beside the profile.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync, renameSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const directory = process.env.BENCH_CPU_PROFILE_DIR;
const SAMPLING_INTERVAL_US = Number(process.env.BENCH_CPU_PROFILE_INTERVAL_US ?? 500);

/** What one process did over the profiled window, by kind and normalized text. */
export interface CallCounts {
  statements: Record<string, number>;
  served: Record<string, number>;
  requested: Record<string, number>;
}

/** A statement's shape: string and number literals as `?`, value lists collapsed, whitespace squeezed. */
export function statementShape(text: string): string {
  return text
    .replace(/'(?:[^'\\]|\\.)*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\((?:\s*\?\s*,)+\s*\?\s*\)/g, '(?…)')
    .replace(/(?:\(\?…\)\s*,\s*)+\(\?…\)/g, '(?…)…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 220);
}

/** A request's shape: method and path, ULIDs, UUIDs and hex ids as `:id`, without the query string. */
export function requestShape(method: string, path: string): string {
  const bare = path.split('?')[0] ?? path;
  return `${method} ${bare.replace(/\/[0-9A-Za-z]{26}(?:-r\d+)?(?=\/|$)|\/[0-9a-f-]{36}(?=\/|$)/g, '/:id')}`;
}

if (directory) {
  const session = new Session();
  session.connect();
  let profiling = false;
  let counts: CallCounts = { statements: {}, served: {}, requested: {} };
  const count = (table: Record<string, number>, key: string) => {
    if (profiling) table[key] = (table[key] ?? 0) + 1;
  };
  const onStatement = (message: unknown) => {
    const query = (message as { query?: unknown }).query;
    if (typeof query === 'string') count(counts.statements, statementShape(query));
  };
  subscribe('tracing:mysql2:query:start', onStatement);
  subscribe('tracing:mysql2:execute:start', onStatement);
  subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: { method?: string; url?: string } };
    count(counts.served, requestShape(request.method ?? '?', request.url ?? '?'));
  });
  subscribe('undici:request:create', (message) => {
    const { request } = message as { request: { method?: string; origin?: unknown; path?: string } };
    count(
      counts.requested,
      requestShape(request.method ?? '?', `${String(request.origin)}${request.path ?? ''}`),
    );
  });

  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
  // Written aside, then renamed: the bench waits for the file and must never read half of it.
  const write = (file: string, text: string) => {
    writeFileSync(`${file}.part`, text);
    renameSync(`${file}.part`, file);
  };
  const toggle = async () => {
    if (!profiling) {
      counts = { statements: {}, served: {}, requested: {} };
      profiling = true;
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
      await post('Profiler.start');
      return;
    }
    profiling = false;
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    write(join(directory, `${process.pid}.calls.json`), JSON.stringify(counts));
    // The profile last: the bench waits for it, and by then the counts are there too.
    write(join(directory, `${process.pid}.cpuprofile`), JSON.stringify(profile));
  };
  process.on('SIGWINCH', () => {
    toggle().catch((error: unknown) => console.error('CPU profile failed', error));
  });
}
