import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { cartConfigSchema } from './config';

runService(AppModule, cartConfigSchema);
