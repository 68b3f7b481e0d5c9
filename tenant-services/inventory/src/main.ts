import { serveOpenApiDocument } from '@marketplace/rest';
import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { configSchema } from './config';

runService(AppModule, configSchema, {
  configure: (app) =>
    serveOpenApiDocument(app, {
      title: 'Inventory',
      description: "Stock of the token's tenant by sku and location.",
    }),
});
