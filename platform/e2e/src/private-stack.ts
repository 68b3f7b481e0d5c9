import { execFile } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const STACK = join(__dirname, '..', '..', 'stack', 'stack');
const run = promisify(execFile);

/** The servers a fault drill may stop: the ones every service's readiness depends on. */
export const DRILL_SERVERS = ['redis', 'mariadb', 'mongodb', 'kafka', 'keycloak'] as const;
export type DrillServer = (typeof DRILL_SERVERS)[number];

export interface PrivateStack {
  /** Connection settings of the private servers, to lay over `process.env` for services and clients. */
  env: Record<string, string>;
  /** The TCP address each server listens on. */
  addresses: Record<DrillServer, string>;
  up(server: DrillServer): Promise<void>;
  down(server: DrillServer): Promise<void>;
  /**
   * Stops the private servers and removes their STACK_HOME (data, logs, pid files): nothing is left behind but, with
   * `keepLogsIn`, a copy of the servers' logs in that folder.
   */
  close(options?: { keepLogsIn?: string }): Promise<void>;
}

/** Port of a private server: the shared stack's default port moved by this offset (10000). */
const PORT_OFFSET = Number(process.env.PRIVATE_STACK_PORT_OFFSET ?? 10_000);

export interface PrivateStackOptions {
  /** Moves the ports by this offset instead (a second private stack, e.g. a bench's beside the fault suite's). */
  portOffset?: number;
}

/**
 * A private copy of the drill servers (or of the `servers` named) under its own STACK_HOME on the shared stack's
 * ports plus 10000 (PRIVATE_STACK_PORT_OFFSET, or `portOffset`), started by the same `platform/stack/stack` scripts as the shared
 * stack (STACK_OWN_SERVERS=1, ADR 0040), so a drill may stop them while other suites keep using the shared servers.
 * `env` names only the private servers; the others, S3, stripe-mock and Mailpit stay shared (never stopped).
 */
export async function startPrivateStack(
  home: string,
  servers: readonly DrillServer[] = DRILL_SERVERS,
  { portOffset = PORT_OFFSET }: PrivateStackOptions = {},
): Promise<PrivateStack> {
  // Fixed ports (not random ones): Kafka's KRaft metadata names its controller's port.
  const [mysql, redis, kafka, mongodb, keycloak, keycloakManagement] = [
    13306, 16379, 19092, 37017, 18080, 19000,
  ].map((port) => port + portOffset);
  const shared = process.env;
  const variables: Record<DrillServer, [string, string]> = {
    mariadb: ['MYSQL_URL', `mysql://marketplace:marketplace@127.0.0.1:${mysql}`],
    redis: ['REDIS_URL', `redis://127.0.0.1:${redis}`],
    kafka: ['KAFKA_BROKERS', `127.0.0.1:${kafka}`],
    mongodb: ['MONGODB_URL', `mongodb://127.0.0.1:${mongodb}`],
    keycloak: ['KEYCLOAK_URL', `http://127.0.0.1:${keycloak}`],
  };
  const env = Object.fromEntries(servers.map((server) => variables[server]));
  const addresses: Record<DrillServer, string> = {
    mariadb: `127.0.0.1:${mysql}`,
    redis: `127.0.0.1:${redis}`,
    kafka: `127.0.0.1:${kafka}`,
    mongodb: `127.0.0.1:${mongodb}`,
    keycloak: `127.0.0.1:${keycloak}`,
  };
  const stackEnv = {
    ...shared,
    ...env,
    STACK_HOME: home,
    STACK_OWN_SERVERS: '1',
    KEYCLOAK_MANAGEMENT_PORT: String(keycloakManagement),
  };
  const stack = async (command: 'up' | 'down', names: readonly string[]) => {
    await run(STACK, [command, ...names], { env: stackEnv, timeout: 600_000, maxBuffer: 10 * 1024 * 1024 });
  };
  const own = (server: DrillServer) => {
    if (!servers.includes(server)) throw new Error(`${server} is not a server of this private stack`);
    return server;
  };
  const remove = async ({ keepLogsIn }: { keepLogsIn?: string } = {}) => {
    await stack('down', servers);
    if (keepLogsIn) await cp(join(home, 'logs'), keepLogsIn, { recursive: true }).catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  };
  try {
    await stack('up', servers);
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
  return {
    env,
    addresses,
    up: (server) => stack('up', [own(server)]),
    down: (server) => stack('down', [own(server)]),
    close: remove,
  };
}
