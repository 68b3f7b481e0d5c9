import { createLogger, startTracing } from '@marketplace/observability';
import { createGateway } from './app';
import { loadGatewayConfig } from './config';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  startTracing({ service: 'gateway' });
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const gateway = createGateway(config, { logger });
  const shutdown = () => {
    void gateway.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // Listen first so probes answer while subgraphs are still starting; /health/ready reports the rest.
  const address = await gateway.app.listen({ port: config.GATEWAY_PORT, host: config.GATEWAY_HOST });
  const internalAddress = await gateway.internalApp.listen({
    port: config.GATEWAY_INTERNAL_PORT,
    host: config.GATEWAY_HOST,
  });
  logger.info(
    { subgraphs: config.SUBGRAPHS.map((subgraph) => subgraph.name), internal: internalAddress },
    `gateway listening on ${address}`,
  );
  await gateway.start();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
