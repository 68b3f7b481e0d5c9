import { runService } from '@marketplace/service-kit';
import { configureCatalogApp } from './app';
import { AppModule } from './app.module';
import { catalogConfigSchema } from './config';

runService(AppModule, catalogConfigSchema, { configure: configureCatalogApp });
