import { serveOpenApiDocument } from '@marketplace/rest';
import { runService } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import { configSchema } from './config';

runService(AppModule, configSchema, {
  configure: (app) =>
    serveOpenApiDocument(app, {
      title: 'Webhooks',
      description: "The token's tenant's webhook endpoints, their delivery log and redelivery.",
    }),
});
