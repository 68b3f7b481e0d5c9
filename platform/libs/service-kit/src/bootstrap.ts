import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestPinoLogger, startTracing } from '@marketplace/observability';

export interface ServiceListenOptions {
  service: string;
  port: number;
  /** Loopback by default; containers set 0.0.0.0. */
  host?: string;
  /** Largest accepted request body; GraphQL operations and JSON commands stay far below the 1 MiB default. */
  bodyLimitBytes?: number;
}

/** Builds the Nest application on Fastify with the service's JSON logger; does not listen. */
export async function createServiceApp(
  rootModule: Type<unknown> | ReturnType<typeof Object>,
  options: Pick<ServiceListenOptions, 'bodyLimitBytes'> = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule,
    new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 1024 * 1024, trustProxy: true }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(NestPinoLogger));
  app.enableShutdownHooks();
  return app;
}

/** Starts tracing, builds the app and listens; SIGTERM/SIGINT close it gracefully (Nest shutdown hooks). */
export async function runService(
  rootModule: Type<unknown> | ReturnType<typeof Object>,
  options: ServiceListenOptions,
) {
  startTracing({ service: options.service });
  const app = await createServiceApp(rootModule, options);
  await app.listen(options.port, options.host ?? '127.0.0.1');
  app.get(NestPinoLogger).log(`${options.service} listening on ${await app.getUrl()}`, 'Bootstrap');
  return app;
}
