import { loadConfigOrExit } from '@marketplace/config';
import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { cartConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(cartConfigSchema);
  await runService(await AppModule.forRoot(config), {
    service: config.SERVICE_NAME,
    port: config.PORT,
    host: process.env.HOST,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
