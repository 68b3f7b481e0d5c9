import { DynamicModule, FactoryProvider, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { ObservabilityExceptionFilter } from './exception.filter';
import { FastifyMetricsHooks } from './fastify-metrics.hooks';
import { HealthController, MetricsController } from './health.controller';
import { NestPinoLogger, createLogger } from './logger';
import { ServiceMetrics } from './metrics';
import { ObservabilityInterceptor } from './observability.interceptor';
import type { ObservabilityOptions } from './observability.options';
import { LOGGER, OBSERVABILITY_OPTIONS } from './tokens';

export interface ObservabilityAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Builds the options from other providers, e.g. a DB pool for the readiness check. */
  useFactory: (...deps: never[]) => ObservabilityOptions | Promise<ObservabilityOptions>;
  inject?: FactoryProvider['inject'];
}

const sharedProviders: Provider[] = [
  {
    provide: LOGGER,
    inject: [OBSERVABILITY_OPTIONS],
    useFactory: (options: ObservabilityOptions) =>
      createLogger({ service: options.service, level: options.logLevel, destination: options.logDestination }),
  },
  { provide: NestPinoLogger, inject: [LOGGER], useFactory: (logger: Logger) => new NestPinoLogger(logger) },
  { provide: ServiceMetrics, inject: [OBSERVABILITY_OPTIONS], useFactory: (options: ObservabilityOptions) => new ServiceMetrics(options.service) },
  FastifyMetricsHooks,
  { provide: APP_INTERCEPTOR, useClass: ObservabilityInterceptor },
  { provide: APP_FILTER, useClass: ObservabilityExceptionFilter },
];

/**
 * Logging, metrics, health endpoints, trace ids and error answers for a service. Import once in the root
 * module; the logger (`@InjectLogger()`), `NestPinoLogger` and `ServiceMetrics` are injectable everywhere.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return ObservabilityModule.build([{ provide: OBSERVABILITY_OPTIONS, useValue: options }], []);
  }

  static forRootAsync(options: ObservabilityAsyncOptions): DynamicModule {
    return ObservabilityModule.build(
      [{ provide: OBSERVABILITY_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }],
      options.imports ?? [],
    );
  }

  private static build(optionsProviders: Provider[], imports: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [...imports, TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController, MetricsController],
      providers: [...optionsProviders, ...sharedProviders],
      exports: [LOGGER, NestPinoLogger, ServiceMetrics],
    };
  }
}
