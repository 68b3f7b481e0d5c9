import { Module } from '@nestjs/common';
import { ProductsModule } from '../products/products.module';
import { ProductImportController } from './product-import.controller';
import { ProductImportResolver } from './product-import.resolver';
import { ProductImportService } from './product-import.service';

/** Bulk CSV product imports (REST) and their job status (GraphQL). */
@Module({
  imports: [ProductsModule],
  controllers: [ProductImportController],
  providers: [ProductImportService, ProductImportResolver],
  exports: [ProductImportService],
})
export class ImportsModule {}
