import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A real TCP relay on a fixed loopback port in front of a server, which a test can cut (the port refuses
 * connections and open ones are reset, as when the server behind it dies) and restore — an outage of one
 * dependency without stopping a shared server. `url` is stable across cuts; `to()` names the server behind it.
 */
export class TcpRelay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private target: { host: string; port: number } | undefined;
  private port = 0;

  static async open(): Promise<TcpRelay> {
    const relay = new TcpRelay();
    await relay.restore();
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where connections go (an `http://host:port` URL). */
  to(url: string): this {
    const { hostname, port } = new URL(url);
    this.target = { host: hostname, port: Number(port) };
    return this;
  }

  /** Stops listening and resets every open connection. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const target = this.target;
      if (!target) return client.destroy();
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.once('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }
}
