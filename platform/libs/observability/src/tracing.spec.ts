import { spawn } from 'node:child_process';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

const fixtures = path.join(__dirname, '..', 'test', 'fixtures');

/** Runs the fixture in its own node process: the OTLP exporter loads `http` with a dynamic import jest cannot run. */
function runTracedProcess(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@marketplace/ts-register', path.join(fixtures, 'traced-process.ts')],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('startTracing', () => {
  const received: { url: string; body: string }[] = [];
  let collector: Server;
  let endpoint: string;

  beforeAll(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString() });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => collector.close(resolve)));
  beforeEach(() => {
    received.length = 0;
  });

  it('exports spans over OTLP/HTTP to the configured endpoint, named after the service', async () => {
    const run = await runTracedProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: `${endpoint}/` });
    expect(run).toMatchObject({ code: 0, stdout: 'exporting=true\n' });
    expect(received.map((r) => r.url)).toEqual(['/v1/traces']);
    expect(received[0]?.body).toContain('reserve stock');
    expect(received[0]?.body).toContain('catalog');
  });

  it('starts no exporter and sends nothing when no endpoint is configured', async () => {
    // The SDK's own default endpoint would be localhost:4318; pointing the traces-only variable at the
    // collector proves nothing is sent anywhere when OTEL_EXPORTER_OTLP_ENDPOINT is absent.
    const run = await runTracedProcess({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces` });
    expect(run).toMatchObject({ code: 0, stdout: 'exporting=false\n' });
    expect(received).toEqual([]);
  });
});
