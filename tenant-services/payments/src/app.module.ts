import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { OffboardingModule } from '@marketplace/offboarding';
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
        OffboardingModule.forMySql(config, {
          service: 'payments',
          // The ledger and money movements are kept for accounting law (ADR 0038); they hold no personal data.
          tables: {
            anonymize: {
              ledger_entries: {},
              seller_ledger_entries: {},
              seller_balances: {},
              transfers: { last_error: null },
              transfer_reversals: { last_error: null },
              dispute_allocations: {},
            },
          },
        }),
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
