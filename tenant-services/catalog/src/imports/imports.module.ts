import { Module } from '@nestjs/common';
import { periodicJob } from '@marketplace/service-kit';
import { ProductsModule } from '../products/products.module';
import { ProductImportController } from './product-import.controller';
import { ProductImportResolver } from './product-import.resolver';
import { ProductImportService } from './product-import.service';

const IMPORT_RECOVERY = Symbol('IMPORT_RECOVERY');

/** Bulk CSV product imports (REST) and their job status (GraphQL). */
@Module({
  imports: [ProductsModule],
  controllers: [ProductImportController],
  providers: [
    ProductImportService,
    ProductImportResolver,
    { provide: IMPORT_RECOVERY, useValue: { intervalMs: 30_000 } },
    // Jobs cut by a restart (of this replica or another) are marked failed once their heartbeat is stale.
    periodicJob('import-recovery', ProductImportService, {
      config: IMPORT_RECOVERY,
      intervalMs: (settings: { intervalMs: number }) => settings.intervalMs,
    }),
  ],
  exports: [ProductImportService],
})
export class ImportsModule {}
