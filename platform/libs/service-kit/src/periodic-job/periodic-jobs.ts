import {
  type FactoryProvider,
  Inject,
  Injectable,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type Type,
} from '@nestjs/common';
import {
  LOGGER,
  type Logger,
  PeriodicJob,
  type PeriodicJobOptions,
  ServiceMetrics,
} from '@marketplace/observability';

/**
 * The service's periodic jobs (sweepers, recovery loops): declared by the providers that own the work, started
 * once the application has bootstrapped, and stopped first on shutdown (before databases close), each waiting
 * for its run in flight.
 */
@Injectable()
export class PeriodicJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs: PeriodicJob[] = [];
  private started = false;

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(ServiceMetrics) private readonly metrics: ServiceMetrics,
  ) {}

  /** Declares a job; it starts with the application (at once when the application already runs). */
  add(options: PeriodicJobOptions): PeriodicJob {
    const job = new PeriodicJob(options, this.logger, this.metrics);
    this.jobs.push(job);
    if (this.started) job.start();
    return job;
  }

  onApplicationBootstrap(): void {
    this.started = true;
    for (const job of this.jobs) job.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.started = false;
    await Promise.all(this.jobs.map((job) => job.stop()));
  }
}

/** A provider whose `sweep()` is one run of a periodic job (its business logic; the schedule is the job's). */
export interface Sweeper {
  sweep(): Promise<unknown>;
}

/**
 * Declares a periodic job in a module's providers: `name` runs `sweeper.sweep()` every `intervalMs(config)`,
 * reading the interval from the service's configuration provider `config`.
 */
export function periodicJob<Config>(
  name: string,
  sweeper: Type<Sweeper>,
  interval: { config: InjectionToken; intervalMs: (config: Config) => number },
): FactoryProvider<PeriodicJob> {
  return {
    provide: Symbol(name),
    inject: [PeriodicJobs, sweeper, interval.config],
    useFactory: (jobs: PeriodicJobs, work: Sweeper, config: Config) =>
      jobs.add({ name, intervalMs: interval.intervalMs(config), run: () => work.sweep() }),
  };
}
