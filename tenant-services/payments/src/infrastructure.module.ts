import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import type { PaymentsConfig } from './config';
import { PAYMENTS_CONFIG } from './config.token';
import { PaymentsDatabase } from './database/payments-database';
import { PaymentEventsRelay } from './events/payment-events-relay';
import { PAYMENT_PROVIDER, paymentProviderFor } from './providers/providers';

/** What every feature module uses: configuration, MySQL, the payment provider, the outbox relay. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: PaymentsConfig, database: PaymentsDatabase): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: PAYMENTS_CONFIG, useValue: config },
        { provide: PaymentsDatabase, useFactory: () => database.open() },
        { provide: PAYMENT_PROVIDER, useValue: paymentProviderFor(config) },
        {
          provide: PaymentEventsRelay,
          inject: [PaymentsDatabase, LOGGER, ServiceMetrics],
          useFactory: (db: PaymentsDatabase, logger: Logger, metrics: ServiceMetrics) =>
            new PaymentEventsRelay(
              db,
              config.KAFKA_BROKERS,
              `${config.SERVICE_NAME}-outbox`,
              logger,
              metrics,
            ),
        },
      ],
      exports: [PAYMENTS_CONFIG, PaymentsDatabase, PAYMENT_PROVIDER, PaymentEventsRelay],
    };
  }
}
