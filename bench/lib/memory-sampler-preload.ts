/**
 * Preloaded into a service process by the benches (NODE_OPTIONS `--require`) when BENCH_MEMORY_DIR is set: every
 * 250 ms it reads `process.memoryUsage()` and V8's heap spaces and keeps the sample taken at the highest RSS,
 * written to `<dir>/<pid>.memory.json` each time the peak rises (a few small writes per run). The bench deletes
 * that file before a measured run (the peak starts again from the next sample) and reads it after the load, so a peak RSS figure comes with what it was made of: V8 heap (by space), memory held outside
 * the heap for JavaScript objects (external, of which ArrayBuffers) and the rest (code, native allocations).
 * SIGTTIN writes a heap snapshot `<dir>/<pid>-<n>.heapsnapshot` (summarized by summarize-heap-snapshot.ts):
 * ignored by default outside a terminal and not one of the signals Nest's shutdown hooks end the process on.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const directory = process.env.BENCH_MEMORY_DIR;
const SAMPLE_EVERY_MS = 250;
const MIB = 1024 * 1024;

export interface MemorySample {
  at: string;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /**
   * Committed size of each V8 heap space (new, old, code, large objects…). Not V8's code statistics: they walk
   * every code object, and taken at each new peak they were 10–15 % of a loaded gateway's or catalog's CPU.
   */
  spaces: Record<string, number>;
}

if (directory) {
  const file = join(directory, `${process.pid}.memory.json`);
  let peak = 0;
  let snapshots = 0;
  const mib = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;
  const sample = () => {
    if (peak > 0 && !existsSync(file)) peak = 0;
    const usage = process.memoryUsage();
    if (usage.rss <= peak) return;
    peak = usage.rss;
    const figures: MemorySample = {
      at: new Date().toISOString(),
      rss: mib(usage.rss),
      heapTotal: mib(usage.heapTotal),
      heapUsed: mib(usage.heapUsed),
      external: mib(usage.external),
      arrayBuffers: mib(usage.arrayBuffers),
      spaces: Object.fromEntries(
        getHeapSpaceStatistics().map((space) => [space.space_name, mib(space.space_size)]),
      ),
    };
    // Written aside, then renamed: the bench may read it at any time and must never see half of it.
    writeFileSync(`${file}.part`, JSON.stringify(figures));
    renameSync(`${file}.part`, file);
  };
  sample();
  setInterval(sample, SAMPLE_EVERY_MS).unref();
  process.on('SIGTTIN', () => {
    snapshots += 1;
    writeHeapSnapshot(join(directory, `${process.pid}-${snapshots}.heapsnapshot`));
  });
}
