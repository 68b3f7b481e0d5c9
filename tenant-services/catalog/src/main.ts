import { loadConfigOrExit } from '@marketplace/config';
import { NestPinoLogger, startTracing } from '@marketplace/observability';
import { createCatalogApp } from './app';
import { catalogConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(catalogConfigSchema);
  startTracing({ service: config.SERVICE_NAME });
  const app = await createCatalogApp(config);
  await app.listen(config.PORT, process.env.HOST ?? '127.0.0.1');
  app.get(NestPinoLogger).log(`${config.SERVICE_NAME} listening on ${await app.getUrl()}`, 'Bootstrap');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
