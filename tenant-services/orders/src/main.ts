import { loadConfigOrExit } from '@marketplace/config';
import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { configSchema } from './config';

const config = loadConfigOrExit(configSchema);
runService(AppModule.forRoot(config), { service: config.SERVICE_NAME, port: config.PORT }).catch(
  (error: unknown) => {
    process.stderr.write(
      `${config.SERVICE_NAME} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
