/**
 * What the peak RSS of a bench's service processes is made of. The services a bench starts preload
 * memory-sampler-preload.ts (BENCH_MEMORY_DIR), which keeps the `process.memoryUsage()` and heap-space sample
 * taken at the highest RSS; `measureLoad` clears it before its run and reads it after, so each run's figures
 * carry the breakdown beside the peak RSS that `/proc` shows.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemorySample } from './memory-sampler-preload';

export type { MemorySample };

export interface MemorySampling {
  directory: string;
  /** Settings for each sampled child process (BENCH_MEMORY_DIR; its preload goes into NODE_OPTIONS). */
  env: Record<string, string>;
  preload: string;
}

/** A folder for the samples of the processes a bench starts. */
export function memorySampling(): MemorySampling {
  const directory = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  return {
    directory,
    env: { BENCH_MEMORY_DIR: directory },
    preload: join(__dirname, 'memory-sampler-preload.ts'),
  };
}

/**
 * NODE_OPTIONS for a bench's service process with the given preloads: the bench's own NODE_OPTIONS and
 * SERVICE_NODE_OPTIONS (defaults.env) as every started service gets them (ADR 0057), then swc so the preloads
 * (TypeScript) load. The services' own `-r @marketplace/ts-register` comes after NODE_OPTIONS' requires.
 */
export function nodeOptionsWithPreloads(preloads: readonly string[]): string {
  return [
    process.env.NODE_OPTIONS,
    process.env.SERVICE_NODE_OPTIONS,
    `--require ${require.resolve('@marketplace/ts-register')}`,
    ...preloads.map((preload) => `--require ${preload}`),
  ]
    .filter(Boolean)
    .join(' ');
}

/** Removes the samples' folder at the end of a bench, unless it holds heap snapshots (SIGTTIN): then says where. */
export function removeMemorySamples(sampling: MemorySampling): void {
  if (readdirSync(sampling.directory).some((name) => name.endsWith('.heapsnapshot'))) {
    console.log(`heap snapshots kept in ${sampling.directory}`);
    return;
  }
  rmSync(sampling.directory, { recursive: true, force: true });
}

/** Forgets the samples so far: the next peak is the one of the run about to start. */
export function resetMemorySamples(sampling: MemorySampling, pids: readonly (number | undefined)[]): void {
  for (const pid of pids) {
    if (pid !== undefined) rmSync(join(sampling.directory, `${pid}.memory.json`), { force: true });
  }
}

/** The sample at the highest RSS of each process since the last reset (none when it was not sampled). */
export function peakMemoryOf(
  sampling: MemorySampling,
  processes: Record<string, number | undefined>,
): Record<string, MemorySample> {
  return Object.fromEntries(
    Object.entries(processes).flatMap(([name, pid]) => {
      if (pid === undefined) return [];
      try {
        const sample = JSON.parse(
          readFileSync(join(sampling.directory, `${pid}.memory.json`), 'utf8'),
        ) as MemorySample;
        return [[name, sample]];
      } catch {
        return [];
      }
    }),
  );
}

/** One line per process: RSS = V8 heap (old / new / code / large objects) + external + the rest. */
export function describePeakMemory(samples: Record<string, MemorySample>): string[] {
  return Object.entries(samples).map(([name, s]) => {
    const space = (key: string) => Math.round(s.spaces[key] ?? 0);
    const other = Math.round(s.rss - s.heapTotal - s.external);
    return (
      `${name}: RSS ${Math.round(s.rss)} MiB = heap ${Math.round(s.heapTotal)} (used ${Math.round(s.heapUsed)}; ` +
      `old ${space('old_space')}, new ${space('new_space')}, code ${space('code_space')}, large objects ` +
      `${space('large_object_space') + space('new_large_object_space')}) + external ${Math.round(s.external)} ` +
      `(array buffers ${Math.round(s.arrayBuffers)}) + other ${other} (machine code, native allocations, stacks)`
    );
  });
}
