import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { OffboardingModule } from '@marketplace/offboarding';
import { MySqlServiceModule } from '@marketplace/service-kit';
import { CheckoutModule } from './checkout/checkout.module';
import type { OrdersConfig } from './config';
import { InfrastructureModule } from './infrastructure.module';
import { OrdersModule } from './orders/orders.module';
import { SalesOverviewModule } from './sales-overview/sales-overview.module';

@Module({})
export class AppModule {
  static forRoot(config: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MySqlServiceModule.forRoot(config, { migrationsFolder: join(__dirname, '..', 'drizzle') }),
        OffboardingModule.forMySql(config, {
          service: 'orders',
          // Accounting law keeps a sale's record (ADR 0038): the seller's orders and lines stay, without the
          // shipment's tracking and the buyer's free-text reasons.
          tables: {
            anonymize: {
              seller_orders: { tracking_number: null, tracking_url: null },
              order_lines: {},
              refund_requests: {
                reason: 'removed on tenant deletion',
                decision_reason: null,
                last_error: null,
              },
            },
          },
        }),
        InfrastructureModule.forRoot(config),
        OrdersModule,
        CheckoutModule,
        SalesOverviewModule,
      ],
    };
  }
}
