import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import { count, eq } from 'drizzle-orm';
import { buyerOrders } from '../orders/order.schema';

/** `orders_checkouts_needing_attention`: parked checkouts, read on every scrape (alert: deploy/monitoring). */
@Injectable()
export class SagaAttentionMetric {
  constructor(database: MySqlDatabase, metrics: ServiceMetrics) {
    metrics.gauge({
      name: 'orders_checkouts_needing_attention',
      help: 'Checkouts parked in needs_attention after repeated failures, waiting for an admin.',
      collect: async (gauge) => {
        const [row] = await database.db
          .select({ n: count() })
          .from(buyerOrders)
          .where(eq(buyerOrders.sagaState, 'needs_attention'));
        gauge.set(row?.n ?? 0);
      },
    });
  }
}
