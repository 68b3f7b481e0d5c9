import type { OnApplicationShutdown } from '@nestjs/common';

/**
 * A service's own database (or other store) connection: opened while the app builds, closed last on shutdown —
 * the store modules are global, and Nest runs global modules' `onApplicationShutdown` after the others', once the
 * HTTP server, the feature modules and the relays no longer use it.
 */
export abstract class StoreConnection<
  Connection extends { close(): Promise<void> },
> implements OnApplicationShutdown {
  private connection: Connection | undefined;

  /** Names the store in the error a use before `open()` or after `close()` throws. */
  protected constructor(private readonly storeName: string) {}

  /** Connects (and prepares, e.g. migrates); a failure leaves nothing open. */
  protected abstract connect(): Promise<Connection>;

  async open(): Promise<this> {
    this.connection = await this.connect();
    return this;
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  protected opened(): Connection {
    if (!this.connection) throw new Error(`The ${this.storeName} database is not open`);
    return this.connection;
  }
}
