import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import { countTransfersNeedingPayout } from './transfers.repository';

/**
 * `payments_transfers{state="failing"|"held"}`, read on every scrape: sellers' shares the provider refused and the
 * sweeper still retries, and shares held until the seller may be paid (alerts: deploy/monitoring, payments.yml).
 */
@Injectable()
export class PayoutHealthMetric {
  constructor(database: MySqlDatabase, metrics: ServiceMetrics) {
    metrics.gauge({
      name: 'payments_transfers',
      help: 'Seller transfers not paid out yet: failing (refused by the provider, retried) or held (seller not payable).',
      labelNames: ['state'],
      collect: async (gauge) => {
        const { failing, held } = await countTransfersNeedingPayout(database.db);
        gauge.set({ state: 'failing' }, failing);
        gauge.set({ state: 'held' }, held);
      },
    });
  }
}
