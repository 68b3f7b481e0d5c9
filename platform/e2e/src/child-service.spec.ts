import { createServer, type Server } from 'node:net';
import { freePort, listensOn } from './child-service';

describe('listensOn', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('knows the process holding a listening loopback port', async () => {
    await expect(listensOn(process.pid, port)).resolves.toBe(true);
  });

  it('refuses a port nobody listens on, and a port another process holds', async () => {
    await expect(listensOn(process.pid, await freePort())).resolves.toBe(false);
    await expect(listensOn(process.ppid, port)).resolves.toBe(false);
  });
});
