/**
 * Preloaded into a service process by the benches (NODE_OPTIONS `--require`) when they profile: SIGWINCH (ignored
 * by default, and not one of the signals Nest's shutdown hooks end the process on, unlike SIGUSR2) starts
 * V8's CPU profiler in this process, the next SIGWINCH stops it and writes `<pid>.cpuprofile` into
 * BENCH_CPU_PROFILE_DIR. The profile then covers the measured load only (not boot), and is written without the
 * process exiting: `node --cpu-prof` writes only on a normal exit, and Nest's shutdown hooks re-raise SIGTERM.
 */
import { writeFileSync, renameSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const directory = process.env.BENCH_CPU_PROFILE_DIR;
const SAMPLING_INTERVAL_US = Number(process.env.BENCH_CPU_PROFILE_INTERVAL_US ?? 500);

if (directory) {
  const session = new Session();
  session.connect();
  let profiling = false;
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
    );
  const toggle = async () => {
    if (!profiling) {
      profiling = true;
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
      await post('Profiler.start');
      return;
    }
    profiling = false;
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    const file = join(directory, `${process.pid}.cpuprofile`);
    // Written aside, then renamed: the bench waits for the file and must never read half of it.
    writeFileSync(`${file}.part`, JSON.stringify(profile));
    renameSync(`${file}.part`, file);
  };
  process.on('SIGWINCH', () => {
    toggle().catch((error: unknown) => console.error('CPU profile failed', error));
  });
}
