import { loadConfigOrExit } from '@marketplace/config';
import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { mediaConfigSchema } from './config';

const config = loadConfigOrExit(mediaConfigSchema);
void runService(AppModule.forRoot(config), { service: config.SERVICE_NAME, port: config.PORT });
