import { Module } from '@nestjs/common';
import { LOGGER, ServiceMetrics, type Logger } from '@marketplace/observability';
import {
  MySqlDatabase,
  periodicJob,
  ReadinessChecks,
  SupervisedEventConsumers,
} from '@marketplace/service-kit';
import { tenantEventsConsumer } from '../commissions/tenant-events.consumer';
import type { OrdersConfig } from '../config';
import { ORDERS_CONFIG } from '../config.token';
import { OrdersModule } from '../orders/orders.module';
import { RefundsModule } from '../refunds/refunds.module';
import { RefundRequestsService } from '../refunds/refund-requests.service';
import { AdminCheckoutsResolver } from './admin-checkouts.resolver';
import { CheckoutSaga } from './checkout-saga';
import { CheckoutResolver } from './checkout.resolver';
import { paymentEventsConsumer } from './payment-events.consumer';
import { SagaAttentionMetric } from './saga-attention.metric';
import { SagaSweeper } from './saga-sweeper';

@Module({
  imports: [OrdersModule, RefundsModule],
  providers: [
    CheckoutSaga,
    CheckoutResolver,
    AdminCheckoutsResolver,
    SagaSweeper,
    periodicJob('checkout-saga-sweep', SagaSweeper, {
      config: ORDERS_CONFIG,
      intervalMs: (config: OrdersConfig) => config.SAGA_SWEEP_INTERVAL_MS,
    }),
    SagaAttentionMetric,
    {
      provide: SupervisedEventConsumers,
      inject: [
        ORDERS_CONFIG,
        MySqlDatabase,
        CheckoutSaga,
        RefundRequestsService,
        LOGGER,
        ReadinessChecks,
        ServiceMetrics,
      ],
      useFactory: (
        config: OrdersConfig,
        database: MySqlDatabase,
        saga: CheckoutSaga,
        refunds: RefundRequestsService,
        logger: Logger,
        readiness: ReadinessChecks,
        metrics: ServiceMetrics,
      ) => {
        const connection = { brokers: config.KAFKA_BROKERS, db: database.db, logger };
        return new SupervisedEventConsumers(
          [
            paymentEventsConsumer(
              {
                ...connection,
                clientId: `${config.SERVICE_NAME}-payments`,
                groupId: config.PAYMENT_EVENTS_GROUP,
                batch: { maxMessages: config.PAYMENT_EVENTS_BATCH },
              },
              saga,
              refunds,
            ),
            tenantEventsConsumer({
              ...connection,
              clientId: `${config.SERVICE_NAME}-tenants`,
              groupId: config.TENANT_EVENTS_GROUP,
            }),
          ],
          readiness,
          metrics,
        );
      },
    },
  ],
  exports: [CheckoutSaga, SagaSweeper],
})
export class CheckoutModule {}
