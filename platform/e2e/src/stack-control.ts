import { connect } from 'node:net';

/** Whether something accepts TCP connections at `host:port` (within a second). */
export async function acceptsConnections(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host: host!, port: Number(port) });
    const finish = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/**
 * The local servers the platform harness needs (from the stack env) that do not accept connections, as
 * `name (host:port)`; empty when all are up. Lets scripts say what to start instead of failing deep inside.
 */
export async function unreachableServers(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const addresses: Record<string, string | undefined> = {
    mariadb: env.MYSQL_URL,
    redis: env.REDIS_URL,
    mongodb: env.MONGODB_URL,
    keycloak: env.KEYCLOAK_URL,
    kafka: env.KAFKA_BROKERS?.split(',')[0],
  };
  const missing: string[] = [];
  for (const [name, address] of Object.entries(addresses)) {
    if (address === undefined) {
      missing.push(`${name} (not configured: eval "$(platform/stack/stack env)")`);
      continue;
    }
    const hostPort = address.includes('://') ? new URL(address).host : address;
    if (!(await acceptsConnections(hostPort))) missing.push(`${name} (${hostPort})`);
  }
  return missing;
}
