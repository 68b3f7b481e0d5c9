import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CheckAbility } from '@marketplace/auth';
import { z } from 'zod';
import { ImportJobModel, toImportJobModel } from './import-job.model';
import { ProductImportService } from './product-import.service';

@Resolver(() => ImportJobModel)
export class ProductImportResolver {
  constructor(@Inject(ProductImportService) private readonly imports: ProductImportService) {}

  @CheckAbility('read', 'Product')
  @Query(() => ImportJobModel, {
    description: 'A CSV import job of the seller (start one with POST /api/v1/products/import).',
  })
  async productImport(@Args('id', { type: () => ID }) id: string): Promise<ImportJobModel> {
    return toImportJobModel(await this.imports.get(z.string().min(1).max(64).parse(id)));
  }
}
