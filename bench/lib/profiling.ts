/**
 * CPU profiles of the platform's processes during a bench's measured load (issue #12): with BENCH_CPU_PROFILE set
 * (a label, e.g. `before` or `after`), the services the bench starts preload cpu-profiler-preload.ts; the bench
 * starts their profilers right before the measured load and stops them right after, and the top frames by self
 * time of each process are written to bench/results/profiles/<bench>-<label>.md (raw .cpuprofile files stay in
 * a temporary folder, printed, for Chrome DevTools or speedscope). The same window also counts each process's
 * MongoDB commands (mongo-commands-preload.ts): round trips per request by command and collection, and their time.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { nodeOptionsWithPreloads } from './memory';
import type { MongoCommandTally } from './mongo-commands-preload';
import type { CallCounts } from './cpu-profiler-preload';

const REPO_ROOT = join(__dirname, '..', '..');

export interface Profiling {
  label: string;
  /** Settings for each profiled child process (NODE_OPTIONS and where profiles go). */
  env: Record<string, string>;
  directory: string;
  /** The preload that answers the profiling signal, for a bench that combines it with others. */
  preload: string;
}

/** Profiling as BENCH_CPU_PROFILE asks for it, undefined when the variable is unset. */
export function profilingFromEnv(): Profiling | undefined {
  const label = process.env.BENCH_CPU_PROFILE;
  if (!label) return undefined;
  if (!/^[a-z0-9-]+$/.test(label)) throw new Error('BENCH_CPU_PROFILE is a label of a-z, 0-9 and -');
  const directory = mkdtempSync(join(tmpdir(), `bench-profiles-${label}-`));
  const preload = join(__dirname, 'cpu-profiler-preload.ts');
  const mongoCommands = join(__dirname, 'mongo-commands-preload.ts');
  return {
    label,
    directory,
    preload,
    env: {
      // With SERVICE_NODE_OPTIONS: a profiled service runs with the same V8 settings as an unprofiled one.
      NODE_OPTIONS: nodeOptionsWithPreloads([preload, mongoCommands]),
      BENCH_CPU_PROFILE_DIR: directory,
    },
  };
}

/** What a bench profiles: which processes (each started with `Profiling.env`), named as in the summary. */
export interface ProfileRequest {
  profiling: Profiling;
  bench: string;
  context: string;
  processes: Record<string, number | undefined>;
}

function signal(processes: Record<string, number | undefined>): void {
  for (const [name, pid] of Object.entries(processes)) {
    if (pid === undefined) continue;
    try {
      process.kill(pid, 'SIGWINCH');
    } catch (error) {
      console.error(`could not signal ${name} (pid ${pid}) to toggle its CPU profile: ${String(error)}`);
    }
  }
}

export function startProfiles(processes: Record<string, number | undefined>): void {
  signal(processes);
}

/** Stops the profilers, waits for their files, and writes the summary of the top frames. */
export async function stopProfiles(
  profiling: Profiling,
  bench: string,
  processes: Record<string, number | undefined>,
  requests: number,
  context: string,
): Promise<void> {
  signal(processes);
  const sections: string[] = [];
  const callsPerRequest: Record<string, { statements: string; served: string; requested: string }> = {};
  for (const [name, pid] of Object.entries(processes)) {
    if (pid === undefined) continue;
    const file = join(profiling.directory, `${pid}.cpuprofile`);
    for (const deadline = Date.now() + 30_000; !existsSync(file) && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 200));
    if (!existsSync(file)) {
      sections.push(`## ${name} (pid ${pid})\n\nno profile was written\n`);
      continue;
    }
    sections.push(summarize(name, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, requests));
    const commands = join(profiling.directory, `${pid}.mongo-commands.json`);
    if (existsSync(commands))
      sections.push(
        summarizeMongoCommands(JSON.parse(readFileSync(commands, 'utf8')) as MongoCommandTally[], requests),
      );
    const calls = join(profiling.directory, `${pid}.calls.json`);
    if (existsSync(calls)) {
      const counted = JSON.parse(readFileSync(calls, 'utf8')) as CallCounts;
      sections.push(summarizeCalls(counted, requests));
      callsPerRequest[name] = totalsPerRequest(counted, requests);
    }
  }
  if (Object.keys(callsPerRequest).length > 0) {
    sections.unshift(
      [
        '## SQL statements and HTTP calls per request, by process',
        '',
        '| process | SQL statements | HTTP requests answered | HTTP requests made |',
        '|---|---:|---:|---:|',
        ...Object.entries(callsPerRequest).map(
          ([name, totals]) => `| ${name} | ${totals.statements} | ${totals.served} | ${totals.requested} |`,
        ),
        '',
      ].join('\n'),
    );
  }
  const folder = join(__dirname, '..', 'results', 'profiles');
  mkdirSync(folder, { recursive: true });
  const out = join(folder, `${bench}-${profiling.label}.md`);
  await writeFile(
    out,
    `# CPU profile: ${bench} (${profiling.label})\n\n${context}\n\n` +
      `${new Date().toISOString()}, ${requests} requests in the profiled window, load average ` +
      `${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}. Self time is sampled (0.5 ms interval) over the measured load only; ` +
      `"ms/req" divides it by the requests. Sampled time counts while the thread runs or waits to be scheduled, so ` +
      `on a busy machine it exceeds the CPU time /proc reports; the shares are the figure to read. Raw profiles: ${profiling.directory}\n\n${sections.join('\n')}`,
  );
  console.log(
    `CPU profile summary written to ${relative(REPO_ROOT, out)} (raw profiles in ${profiling.directory})`,
  );
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** `pkg/path` for a dependency, repo-relative for our code, as is for Node's internals. */
function where(url: string): { location: string; area: string } {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + '/node_modules/'.length);
    const parts = rest.split('/');
    const name = rest.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    return { location: rest, area: name };
  }
  if (path.startsWith(REPO_ROOT)) {
    const local = relative(REPO_ROOT, path);
    return { location: local, area: local.split('/').slice(0, 2).join('/') };
  }
  if (path === '') return { location: '', area: '(native/V8)' };
  return { location: path, area: path.startsWith('node:') ? 'node internals' : path };
}

export function summarize(name: string, profile: CpuProfile, requests: number): string {
  // Each sample stands for the time until the next one (timeDeltas[i + 1]); the last for the mean interval.
  const selfUs = new Map<number, number>();
  const mean = (profile.endTime - profile.startTime) / Math.max(profile.samples.length, 1);
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index + 1] ?? mean));
  });
  const frames = new Map<string, { fn: string; location: string; us: number }>();
  const areas = new Map<string, number>();
  let busyUs = 0;
  let idleUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const fn = node.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const { location, area } = where(node.callFrame.url);
    const key = `${fn}\u0000${location}:${node.callFrame.lineNumber + 1}`;
    const frame = frames.get(key) ?? {
      fn,
      location: location ? `${location}:${node.callFrame.lineNumber + 1}` : '',
      us: 0,
    };
    frame.us += us;
    frames.set(key, frame);
    const areaName = location ? area : fn.startsWith('(') ? fn : '(native/V8)';
    areas.set(areaName, (areas.get(areaName) ?? 0) + us);
  }
  const perRequest = (us: number) => (requests > 0 ? (us / 1000 / requests).toFixed(3) : '?');
  const share = (us: number) => `${((100 * us) / Math.max(busyUs, 1)).toFixed(1)} %`;
  const top = [...frames.values()].sort((a, b) => b.us - a.us).slice(0, 25);
  const byArea = [...areas.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return [
    `## ${name}`,
    '',
    `busy ${(busyUs / 1000).toFixed(0)} ms (${perRequest(busyUs)} ms/req), idle ${(idleUs / 1000).toFixed(0)} ms`,
    '',
    '| self ms/req | share | function | where |',
    '|---:|---:|---|---|',
    ...top.map(
      (frame) => `| ${perRequest(frame.us)} | ${share(frame.us)} | \`${frame.fn}\` | ${frame.location} |`,
    ),
    '',
    'by package or folder:',
    '',
    '| self ms/req | share | package / folder |',
    '|---:|---:|---|',
    ...byArea.map(([area, us]) => `| ${perRequest(us)} | ${share(us)} | ${area} |`),
    '',
  ].join('\n');
}

/** The MongoDB round trips of the profiled window: per request by command and collection, with their time. */
export function summarizeMongoCommands(tallies: MongoCommandTally[], requests: number): string {
  if (tallies.length === 0) return 'MongoDB commands: none in the profiled window\n';
  const perRequest = (count: number) => (requests > 0 ? (count / requests).toFixed(2) : '?');
  const total = tallies.reduce((sum, tally) => sum + tally.count, 0);
  return [
    `MongoDB commands in the profiled window: ${total} (${perRequest(total)} per request); time from request to reply:`,
    '',
    '| per request | count | command | collection | mean ms | max ms | failed |',
    '|---:|---:|---|---|---:|---:|---:|',
    ...[...tallies]
      .sort((a, b) => b.count - a.count)
      .map(
        (tally) =>
          `| ${perRequest(tally.count)} | ${tally.count} | ${tally.command} | ${tally.collection} | ` +
          `${(tally.totalMs / Math.max(tally.count, 1)).toFixed(1)} | ${tally.maxMs.toFixed(0)} | ${tally.failed} |`,
      ),
    '',
  ].join('\n');
}

const sum = (table: Record<string, number>) => Object.values(table).reduce((total, n) => total + n, 0);
const ratio = (n: number, requests: number) => (requests > 0 ? (n / requests).toFixed(1) : '?');

function totalsPerRequest(counts: CallCounts, requests: number) {
  return {
    statements: ratio(sum(counts.statements), requests),
    served: ratio(sum(counts.served), requests),
    requested: ratio(sum(counts.requested), requests),
  };
}

/** The counted statements and HTTP calls of one process, per request, most frequent first. */
export function summarizeCalls(counts: CallCounts, requests: number): string {
  const table = (title: string, header: string, rows: Record<string, number>, limit: number) => {
    const sorted = Object.entries(rows).sort((a, b) => b[1] - a[1]);
    const shown = sorted.slice(0, limit);
    const rest = sorted.slice(limit).reduce((total, [, n]) => total + n, 0);
    return [
      `${title}: ${ratio(sum(rows), requests)} per request`,
      '',
      `| per request | ${header} |`,
      '|---:|---|',
      ...shown.map(([text, n]) => `| ${ratio(n, requests)} | \`${text.replace(/\|/g, '\\|')}\` |`),
      ...(rest > 0 ? [`| ${ratio(rest, requests)} | (${sorted.length - limit} more shapes) |`] : []),
      '',
    ];
  };
  return [
    ...table('SQL statements', 'statement (literals as ?)', counts.statements, 40),
    ...table('HTTP requests answered', 'request', counts.served, 15),
    ...table('HTTP requests made', 'request', counts.requested, 15),
  ].join('\n');
}
