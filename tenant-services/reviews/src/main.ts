import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { reviewsConfigSchema } from './config';

runService(AppModule, reviewsConfigSchema);
