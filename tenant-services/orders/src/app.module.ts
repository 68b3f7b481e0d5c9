import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
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
        InfrastructureModule.forRoot(config),
        OrdersModule,
        CheckoutModule,
        SalesOverviewModule,
      ],
    };
  }
}
