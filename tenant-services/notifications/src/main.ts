import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { configSchema } from './config';

runService(AppModule, configSchema);
