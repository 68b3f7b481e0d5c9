import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { OffboardingModule } from '@marketplace/offboarding';
import { MySqlServiceModule } from '@marketplace/service-kit';
import type { InventoryConfig } from './config';
import { InfrastructureModule } from './infrastructure.module';
import { ReservationsModule } from './reservations/reservations.module';
import { tenantReservationData } from './reservations/tenant-reservations.repository';
import { StockModule } from './stock/stock.module';

@Module({})
export class AppModule {
  static forRoot(config: InventoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MySqlServiceModule.forRoot(config, { migrationsFolder: join(__dirname, '..', 'drizzle') }),
        OffboardingModule.forMySql(config, {
          service: 'inventory',
          extraStores: { inject: [], build: () => [tenantReservationData()] },
        }),
        InfrastructureModule.forRoot(config),
        StockModule,
        ReservationsModule,
      ],
    };
  }
}
