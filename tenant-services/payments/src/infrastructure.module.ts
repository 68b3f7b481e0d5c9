import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { PaymentsConfig } from './config';
import { PAYMENTS_CONFIG } from './config.token';
import { PAYMENT_PROVIDER, paymentProviderFor } from './providers/providers';

/**
 * What every feature module uses besides MySQL and the outbox relay (MySqlServiceModule): configuration and the
 * payment provider.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: PaymentsConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: PAYMENTS_CONFIG, useValue: config },
        { provide: PAYMENT_PROVIDER, useValue: paymentProviderFor(config) },
      ],
      exports: [PAYMENTS_CONFIG, PAYMENT_PROVIDER],
    };
  }
}
