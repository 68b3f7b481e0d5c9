import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, Public } from '@marketplace/auth';
import {
  DependencyProbe,
  HealthController,
  MetricsController,
  ObservabilityModule,
  type ReadinessCheck,
} from '@marketplace/observability';
import { PeriodicJobs } from './periodic-job/periodic-jobs';
import { ReadinessChecks } from './readiness-checks';

// Probes and Prometheus scrape without tokens; observability stays unaware of auth, so the kit marks them.
for (const controller of [HealthController, MetricsController]) Public()(controller);

export interface ServicePlatformOptions {
  service: string;
  logLevel?: string;
  /** Where access tokens come from: issuer `${keycloakUrl}/realms/${realm}`, audience checked on every token. */
  keycloak: { url: string; realm: string; audience: string };
  /** OAuth clients allowed to call `@InternalOnly()` operations; default `marketplace-services`. */
  internalCallers?: readonly string[];
  readinessChecks?: Readonly<Record<string, ReadinessCheck>>;
}

/**
 * The cross-cutting part every service imports once: JSON logs, RED metrics, `/health/*` and `/metrics`
 * (public), trace ids, error answers, and the global auth guard that makes every other route and resolver
 * require a verified token unless marked `@Public()`. `PeriodicJobs` (background loops) and `ReadinessChecks` are
 * injectable everywhere.
 */
@Module({})
export class ServicePlatformModule {
  static forRoot(options: ServicePlatformOptions): DynamicModule {
    const issuer = `${options.keycloak.url.replace(/\/$/, '')}/realms/${options.keycloak.realm}`;
    const readiness = new ReadinessChecks(options.readinessChecks);
    // Keycloak down: tokens still verify against the cached keys, but new keys, logins and service tokens fail.
    const jwks = `${issuer}/protocol/openid-connect/certs`;
    readiness.addDegraded(
      'keycloak',
      new DependencyProbe('keycloak', async (signal) => {
        const response = await fetch(jwks, { signal });
        await response.body?.cancel();
        if (!response.ok) throw new Error(`JWKS answered HTTP ${response.status}`);
      }).check,
    );
    return {
      module: ServicePlatformModule,
      global: true,
      imports: [
        ObservabilityModule.forRoot({
          service: options.service,
          ...(options.logLevel ? { logLevel: options.logLevel } : {}),
          readinessChecks: readiness.checks,
          degradedChecks: readiness.degraded,
        }),
        AuthModule.forRoot({
          issuer,
          audience: options.keycloak.audience,
          ...(options.internalCallers ? { internalCallers: options.internalCallers } : {}),
        }),
      ],
      providers: [PeriodicJobs, { provide: ReadinessChecks, useValue: readiness }],
      exports: [PeriodicJobs, ReadinessChecks],
    };
  }
}
