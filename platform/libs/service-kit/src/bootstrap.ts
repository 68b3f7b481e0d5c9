import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfigOrExit } from '@marketplace/config';
import {
  isRestApiPath,
  NestPinoLogger,
  PROBLEM_CONTENT_TYPE,
  problemOf,
  problemTitleOf,
  startTracing,
  traceIdOfRequest,
} from '@marketplace/observability';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

export interface ServiceAppOptions {
  /** Largest accepted request body; GraphQL operations and JSON commands stay far below the 1 MiB default. */
  bodyLimitBytes?: number;
  /** Adds to the built app before it serves, e.g. a body parser of its own or an OpenAPI document. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** Builds the Nest application on Fastify with the service's JSON logger; does not listen. */
export async function createServiceApp(
  rootModule: Type<unknown> | DynamicModule | Promise<DynamicModule>,
  options: ServiceAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    await rootModule,
    new FastifyAdapter({
      bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
      trustProxy: true,
      frameworkErrors: answerRefusedRequest,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(NestPinoLogger));
  app.enableShutdownHooks();
  await options.configure?.(app);
  return app;
}

/**
 * Fastify refuses a malformed URL before routing (its "framework errors"), where neither Nest's error handler nor
 * its exception filter sees it: the REST API answers it with problem details (RFC 9457) like every other
 * refusal, other paths with the plain error body.
 */
function answerRefusedRequest(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
  const detail = status < 500 ? error.message : 'Internal server error';
  if (status >= 500) request.log.error({ err: error, url: request.url }, 'Request failed before its route');
  const traceId = traceIdOfRequest(request);
  if (isRestApiPath(request.url))
    void reply
      .code(status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problemOf(status, detail, { instance: request.url, traceId }));
  else void reply.code(status).send({ statusCode: status, error: problemTitleOf(status), message: detail, traceId });
}

/** The settings `runService` reads besides the service's own. */
export interface ServiceRunSettings {
  SERVICE_NAME: string;
  PORT: number;
  /** Loopback by default; containers set 0.0.0.0. */
  HOST: string;
}

/** A service's root module: `forRoot(config)` wires it for the loaded settings. */
export interface ServiceRootModule<Config> {
  forRoot(config: Config): DynamicModule | Promise<DynamicModule>;
}

export interface RunServiceOptions<Config> extends Omit<ServiceAppOptions, 'configure'> {
  configure?: (app: NestFastifyApplication, config: Config) => void | Promise<void>;
}

/**
 * A service's whole `main.ts`: loads and validates its settings (exit 78 naming each bad variable), starts
 * tracing, builds the app and listens on `HOST`:`PORT`; SIGTERM/SIGINT close it gracefully (Nest shutdown
 * hooks). A failed start is written to stderr and exits 1.
 */
export function runService<Schema extends z.ZodObject>(
  rootModule: ServiceRootModule<z.output<Schema>>,
  configSchema: z.output<Schema> extends ServiceRunSettings ? Schema : never,
  options: RunServiceOptions<z.output<Schema>> = {},
): void {
  // The parameter's type already refuses a schema without the run settings.
  const config = loadConfigOrExit(configSchema as Schema) as z.output<Schema> & ServiceRunSettings;
  serve<z.output<Schema> & ServiceRunSettings>(rootModule, config, options).catch((error: unknown) => {
    process.stderr.write(
      `${config.SERVICE_NAME} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}

async function serve<Config extends ServiceRunSettings>(
  rootModule: ServiceRootModule<Config>,
  config: Config,
  { configure, ...options }: RunServiceOptions<Config>,
): Promise<void> {
  startTracing({ service: config.SERVICE_NAME });
  const app = await createServiceApp(rootModule.forRoot(config), {
    ...options,
    ...(configure ? { configure: (built) => configure(built, config) } : {}),
  });
  await app.listen(config.PORT, config.HOST);
  app.get(NestPinoLogger).log(`${config.SERVICE_NAME} listening on ${await app.getUrl()}`, 'Bootstrap');
}
