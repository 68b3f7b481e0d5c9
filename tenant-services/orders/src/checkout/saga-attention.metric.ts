import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@marketplace/observability';
import { OrderRepository } from '../orders/order.repository';

/** `orders_checkouts_needing_attention`: parked checkouts, read on every scrape (alert: deploy/monitoring). */
@Injectable()
export class SagaAttentionMetric {
  constructor(orders: OrderRepository, metrics: ServiceMetrics) {
    metrics.gauge({
      name: 'orders_checkouts_needing_attention',
      help: 'Checkouts parked in needs_attention after repeated failures, waiting for an admin.',
      collect: async (gauge) => gauge.set(await orders.countNeedingAttention()),
    });
  }
}
