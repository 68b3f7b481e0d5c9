import { Controller, Get, Header, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { ServiceMetrics } from './metrics';
import type { ObservabilityOptions, ReadinessCheck } from './observability.options';
import { OBSERVABILITY_OPTIONS } from './tokens';

const DEFAULT_CHECK_TIMEOUT_MS = 3000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  /** The process answers: restarting it would not help anything else. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Every dependency answers; 503 takes the instance out of load balancing until they do. A degraded check
   * (ObservabilityOptions) that fails or times out answers 200 with `status: degraded` and the check marked
   * `degraded`, its error's message with it.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    const { readinessChecks = {}, degradedChecks = {} } = this.options;
    return this.health.check([
      ...Object.entries(readinessChecks).map(
        ([name, check]) =>
          () =>
            this.attempt(name, check, false),
      ),
      ...Object.entries(degradedChecks).map(
        ([name, check]) =>
          () =>
            this.attempt(name, check, true),
      ),
    ]);
  }

  private async attempt(name: string, check: ReadinessCheck, degradedWhenDown: boolean) {
    const result = await this.indicators
      .check(name)
      .attempt(async ({ signal }) => {
        await check(signal);
      })
      .withTimeout(this.options.readinessTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
    const { status, ...detail } = result[name]!;
    return status !== 'up' && degradedWhenDown ? this.indicators.check(name).degraded(detail) : result;
  }
}

@Controller()
export class MetricsController {
  constructor(@Inject(ServiceMetrics) private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
