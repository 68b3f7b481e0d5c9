import { Controller, Get, Header, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { ServiceMetrics } from './metrics';
import { DegradedReadiness, type ObservabilityOptions } from './observability.options';
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
   * Every dependency answers; 503 takes the instance out of load balancing until they do. A dependency a check
   * reports degraded shows as such (status `degraded`, HTTP 200).
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    const timeoutMs = this.options.readinessTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    return this.health.check(
      Object.entries(this.options.readinessChecks ?? {}).map(([name, check]) => async () => {
        let degraded: DegradedReadiness | undefined;
        const result = await this.indicators
          .check(name)
          .attempt(async ({ signal }) => {
            const answer = await check(signal);
            if (answer instanceof DegradedReadiness) degraded = answer;
          })
          .withTimeout(timeoutMs);
        return degraded && result[name]?.status === 'up'
          ? this.indicators.check(name).degraded({ message: degraded.message })
          : result;
      }),
    );
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
