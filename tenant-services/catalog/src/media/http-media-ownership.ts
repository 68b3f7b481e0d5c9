import { createHash } from 'node:crypto';
import { ServiceUnavailableException } from '@nestjs/common';
import {
  MEDIA_PRODUCT_IMAGE_OWNERSHIP_PATH,
  productImageOwnershipAnswerSchema,
  type ProductImageOwnershipRequest,
} from '@marketplace/contracts';
import { ServiceCallError, ServiceClient, ServiceTokenProvider } from '@marketplace/resilience';
import type { CatalogConfig } from '../config';
import type { MediaOwnership } from './media-ownership';

/**
 * The media service's internal ownership endpoint, called as the platform services client (the CSV import asks
 * long after the seller's token was checked). Timeouts, retries and the circuit breaker come from
 * `ServiceClient`; when media cannot answer, the product change is refused with a 503 rather than trusted.
 */
export class HttpMediaOwnership implements MediaOwnership {
  private readonly client: ServiceClient;

  constructor(
    config: Pick<
      CatalogConfig,
      | 'MEDIA_URL'
      | 'MEDIA_TIMEOUT_MS'
      | 'KEYCLOAK_URL'
      | 'KEYCLOAK_REALM'
      | 'KEYCLOAK_SERVICES_CLIENT_ID'
      | 'KEYCLOAK_SERVICES_CLIENT_SECRET'
    >,
  ) {
    const token = ServiceTokenProvider.forServicesClient(config);
    this.client = new ServiceClient({
      service: 'media',
      baseUrl: config.MEDIA_URL,
      authorization: () => token.authorization(),
      policy: {
        timeoutMs: config.MEDIA_TIMEOUT_MS,
        retries: 2,
        backoff: { initialMs: 50, maxMs: 500 },
        breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
      },
    });
  }

  async productImagesOf(tenantId: string, mediaIds: readonly string[]): Promise<ReadonlySet<string>> {
    const request: ProductImageOwnershipRequest = { tenantId, mediaIds: [...new Set(mediaIds)] };
    try {
      const answer = await this.client.post(MEDIA_PRODUCT_IMAGE_OWNERSHIP_PATH, request, {
        schema: productImageOwnershipAnswerSchema,
        // A read: safe to repeat.
        idempotencyKey: `read-${createHash('sha256').update(JSON.stringify(request)).digest('hex')}`,
      });
      return new Set(answer.owned);
    } catch (error) {
      if (error instanceof ServiceCallError) {
        throw new ServiceUnavailableException(
          `The media service is unavailable, so the product's images cannot be checked; try again shortly (${error.message})`,
        );
      }
      throw error;
    }
  }
}
