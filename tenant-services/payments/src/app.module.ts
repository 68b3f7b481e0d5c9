import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { MySqlServiceModule } from '@marketplace/service-kit';
import { BackOfficeModule } from './back-office/back-office.module';
import type { PaymentsConfig } from './config';
import { InfrastructureModule } from './infrastructure.module';
import { PaymentsModule } from './payments/payments.module';
import { PayoutIssuesModule } from './payout-issues/payout-issues.module';
import { PayoutsModule } from './payouts/payouts.module';
import { TenantsModule } from './tenants/tenants.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: PaymentsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MySqlServiceModule.forRoot(config, { migrationsFolder: join(__dirname, '..', 'drizzle') }),
        InfrastructureModule.forRoot(config),
        TenantsModule,
        PaymentsModule,
        PayoutsModule,
        PayoutIssuesModule,
        BackOfficeModule,
        WebhooksModule,
      ],
    };
  }
}
