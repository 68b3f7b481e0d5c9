import { tenantStatusAnswerSchema, tenantStatusPath } from '@marketplace/contracts';
import { ServiceClient, ServiceTokenProvider } from '@marketplace/resilience';
import type { TenantStatusFact, TenantStatusSource } from './cached-tenant-status';
import type { TenantStatusConfig } from './tenant-status-settings';

/**
 * The tenants service's internal status endpoint, called as the platform services client (ADR 0039's pattern
 * for internal calls): timeout, one retry and a circuit breaker from the resilience library.
 */
export class HttpTenantStatusSource implements TenantStatusSource {
  private readonly client: ServiceClient;

  constructor(config: TenantStatusConfig) {
    const token = ServiceTokenProvider.forServicesClient(config);
    this.client = new ServiceClient({
      service: 'tenants',
      baseUrl: config.TENANTS_URL,
      authorization: () => token.authorization(),
      policy: {
        timeoutMs: config.TENANTS_TIMEOUT_MS,
        retries: 1,
        backoff: { initialMs: 50, maxMs: 200 },
        breaker: { threshold: 5, halfOpenAfterMs: 5000 },
      },
    });
  }

  async fetch(tenantId: string): Promise<TenantStatusFact> {
    const answer = await this.client.get(tenantStatusPath(tenantId), { schema: tenantStatusAnswerSchema });
    return {
      standing:
        answer.status === null
          ? undefined
          : { status: answer.status, ...(answer.reason === null ? {} : { reason: answer.reason }) },
      changedAt: answer.changedAt === null ? undefined : new Date(answer.changedAt),
    };
  }
}
