import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface RequestObservation {
  /** Route pattern (`/products/:id`) or GraphQL field (`Query.products`), never the raw URL. */
  route: string;
  /** HTTP method, or the GraphQL operation type. */
  method: string;
  /** HTTP status code, or the status the error maps to for GraphQL. */
  status: number | string;
  tenantId?: string;
  durationSeconds: number;
}

export interface GaugeConfig<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  /** Called on every scrape, to read a value that lives elsewhere (e.g. a table count). */
  collect?: (gauge: Gauge<L>) => void | Promise<void>;
}

/** What `ServiceMetrics.periodicJobs()` returns. */
export interface PeriodicJobMetrics {
  failures: Counter<'job'>;
  duration: Histogram<'job' | 'outcome'>;
  lastRun: Gauge<'job'>;
  lastSuccess: Gauge<'job'>;
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const REQUEST_LABELS = ['route', 'method', 'status', 'tenant'] as const;

/**
 * The Prometheus registry of one service process: Node default metrics, RED metrics of requests, and
 * gauges other libraries add (outbox depth, consumer lag). Every series carries `service`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<(typeof REQUEST_LABELS)[number]>;
  readonly requestDuration: Histogram<(typeof REQUEST_LABELS)[number]>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'Requests handled (HTTP routes and GraphQL root fields), by route, method, status and tenant.',
      labelNames: REQUEST_LABELS,
      registers: [this.registry],
    });
    this.requestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to handle a request, by route, method, status and tenant.',
      labelNames: REQUEST_LABELS,
      buckets: DURATION_BUCKETS,
      registers: [this.registry],
    });
  }

  observeRequest({ route, method, status, tenantId, durationSeconds }: RequestObservation): void {
    // Tenant ids come from verified tokens only, so the label is bounded by the number of tenants.
    const labels = {
      route,
      method: method.toUpperCase(),
      status: String(status),
      tenant: tenantId || 'none',
    };
    this.requests.inc(labels);
    this.requestDuration.observe(labels, durationSeconds);
  }

  /** A gauge in this registry; asking twice for the same name returns the same gauge. */
  gauge<L extends string = string>({ name, help, labelNames = [], collect }: GaugeConfig<L>): Gauge<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) {
      if (!(existing instanceof Gauge)) throw new Error(`Metric ${name} already exists and is not a gauge`);
      return existing as Gauge<L>;
    }
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      ...(collect
        ? {
            collect: async function (this: Gauge<L>) {
              await collect(this);
            },
          }
        : {}),
    });
  }

  /** Events waiting in the transactional outbox, read from `readDepth` on every scrape. */
  trackOutboxDepth(readDepth: () => number | Promise<number>): Gauge<string> {
    return this.gauge({
      name: 'outbox_pending_events',
      help: 'Events written to the outbox and not yet published.',
      collect: async (gauge) => gauge.set(await readDepth()),
    });
  }

  /** Outbox events set aside because Kafka kept refusing them (ADRs 0031, 0039), read on every scrape. */
  trackOutboxParked(readParked: () => number | Promise<number>): Gauge<string> {
    return this.gauge({
      name: 'outbox_parked_events',
      help: 'Outbox events set aside because Kafka kept refusing them (inspect the last error, then re-queue).',
      collect: async (gauge) => gauge.set(await readParked()),
    });
  }

  /** Messages a consumer group is behind the end of each partition; set by the consumer. */
  consumerLag(): Gauge<'topic' | 'partition' | 'group'> {
    return this.gauge({
      name: 'kafka_consumer_lag',
      help: 'Messages between the committed offset of a consumer group and the end of the partition.',
      labelNames: ['topic', 'partition', 'group'],
    });
  }

  /** The series every periodic job (`PeriodicJob`) reports, labelled by job name. */
  periodicJobs(): PeriodicJobMetrics {
    const failures = this.single(
      'periodic_job_failures_total',
      Counter,
      (name, registers) =>
        new Counter({
          name,
          help: 'Runs of a periodic job that failed (each failure is also logged with the job name).',
          labelNames: ['job'],
          registers,
        }),
    );
    const duration = this.single(
      'periodic_job_duration_seconds',
      Histogram,
      (name, registers) =>
        new Histogram({
          name,
          help: 'Time one run of a periodic job took, by job and outcome (success or failure).',
          labelNames: ['job', 'outcome'],
          buckets: [...DURATION_BUCKETS, 30, 60, 300],
          registers,
        }),
    );
    const lastRun = this.gauge({
      name: 'periodic_job_last_run_timestamp_seconds',
      help: 'When the last run of a periodic job ended (Unix time), whatever its outcome.',
      labelNames: ['job'],
    });
    const lastSuccess = this.gauge({
      name: 'periodic_job_last_success_timestamp_seconds',
      help: 'When the last successful run of a periodic job ended (Unix time); alert when it falls behind.',
      labelNames: ['job'],
    });
    return { failures, duration, lastRun, lastSuccess };
  }

  /** The metric registered as `name`, created on first use; refuses a name taken by another kind of metric. */
  private single<M>(
    name: string,
    kind: abstract new (...args: never[]) => M,
    create: (name: string, registers: Registry[]) => M,
  ): M {
    const existing = this.registry.getSingleMetric(name);
    if (!existing) return create(name, [this.registry]);
    if (!(existing instanceof kind)) throw new Error(`Metric ${name} already exists and is another kind`);
    return existing;
  }

  /** Prometheus text exposition of every metric in this registry. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
