import { mergeApplicationConfig, type ApplicationConfig } from '@angular/core';
import { provideServerRendering, withRoutes } from '@angular/ssr';
import { appConfig } from './app.config';
import { serverRoutes } from './app.routes.server';
import { parseAppConfig } from './core/app-config';
import { provideInlineConfig } from './core/inline-config';
import { configFromEnv } from './core/server-config';

const serverConfig: ApplicationConfig = {
  providers: [provideServerRendering(withRoutes(serverRoutes)), provideInlineConfig()],
};

export const config = mergeApplicationConfig(
  appConfig(parseAppConfig(configFromEnv(process.env))),
  serverConfig,
);
