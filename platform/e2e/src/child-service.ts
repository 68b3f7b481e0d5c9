import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface ChildService {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A free loopback port (the OS picks it; closed again before the child binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Runs a service's `src/main.ts` as its own Node process (as `npm start` does) on a free port and waits until it
 * is ready. Needed where two services' GraphQL types share a name: NestJS keeps code-first type metadata
 * per process, so such services cannot share one. `portVariable` names the setting the port goes into
 * (the gateway's is GATEWAY_PORT); with `logFile`, the child's output is also appended to that file.
 *
 * The port is free when picked but another test process on the machine may bind it before the child does: the
 * child then exits (address in use) and starts again on another port, and a ready answer counts only when the
 * child itself holds the listening socket — otherwise the run would talk to someone else's server.
 */
export async function startChildService(
  directory: string,
  env: Record<string, string>,
  readyTimeoutMs = 90_000,
  portVariable = 'PORT',
  logFile?: string,
): Promise<ChildService> {
  const deadline = Date.now() + readyTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(directory, env, { deadline, readyTimeoutMs, logFile }, portVariable);
    if (started.service) return started.service;
    if (attempt === PORT_ATTEMPTS || Date.now() > deadline)
      throw new Error(`${directory}: ${started.failure}`);
  }
}

const PORT_ATTEMPTS = 5;

async function startOnce(
  directory: string,
  env: Record<string, string>,
  { deadline, readyTimeoutMs, logFile }: { deadline: number; readyTimeoutMs: number; logFile?: string },
  portVariable: string,
): Promise<{ service: ChildService; failure?: undefined } | { service?: undefined; failure: string }> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['-r', '@marketplace/ts-register', 'src/main.ts'], {
    cwd: join(REPO_ROOT, directory),
    env: { ...process.env, NODE_OPTIONS: childNodeOptions(), ...env, [portVariable]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Everything the child writes, also in `logFile` when given (appended: a restart on another port continues it).
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
    log?.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('close', () => log?.end());
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
  };
  for (;;) {
    if (child.exitCode !== null) {
      const said = output.join('');
      const failure = `exited with ${child.exitCode}: ${said.slice(-2000)}`;
      if (said.includes('EADDRINUSE')) return { failure };
      throw new Error(`${directory} ${failure}`);
    }
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready && (await listensOn(child.pid!, port))) return { service: { url, child, stop } };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${directory} was not ready within ${readyTimeoutMs} ms: ${output.join('').slice(-2000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The test process's NODE_OPTIONS plus SERVICE_NODE_OPTIONS (defaults.env): services run as `npm start` runs them. */
function childNodeOptions(): string {
  return [process.env.NODE_OPTIONS, process.env.SERVICE_NODE_OPTIONS].filter(Boolean).join(' ');
}

/** Whether the process holds the socket listening on the loopback port (Linux: /proc). */
export async function listensOn(pid: number, port: number): Promise<boolean> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const rows = await readFile(table, 'utf8').catch(() => '');
    for (const row of rows.split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      // local_address is ADDR:PORT, st 0A is LISTEN, the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9]!);
    }
  }
  if (inodes.size === 0) return false;
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode && inodes.has(inode)) return true;
  }
  return false;
}
