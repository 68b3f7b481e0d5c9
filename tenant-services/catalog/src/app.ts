import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveOpenApiDocument } from '@marketplace/rest';
import { createServiceApp } from '@marketplace/service-kit';
import { AppModule } from './app.module';
import type { CatalogConfig } from './config';

/** The catalog app for tests, as `main.ts` builds it; does not listen. */
export function createCatalogApp(config: CatalogConfig): Promise<NestFastifyApplication> {
  return createServiceApp(AppModule.forRoot(config), {
    configure: (app) => configureCatalogApp(app, config),
  });
}

/**
 * What the catalog adds to the platform app: a text/csv body parser for imports (with its own size limit) and
 * the OpenAPI document of the REST surface at `/openapi.json`.
 */
export function configureCatalogApp(app: NestFastifyApplication, config: CatalogConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: config.IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  serveOpenApiDocument(app, {
    title: 'Catalog',
    description: "Products and variants of the token's tenant, and bulk product import from CSV.",
  });
}
