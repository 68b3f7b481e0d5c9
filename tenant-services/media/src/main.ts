import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { mediaConfigSchema } from './config';

runService(AppModule, mediaConfigSchema);
