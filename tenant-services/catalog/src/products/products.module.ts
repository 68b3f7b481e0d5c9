import { Module } from '@nestjs/common';
import { CategoriesResolver } from '../categories/categories.resolver';
import { CategoriesService } from '../categories/categories.service';
import { TenantStatusService } from '../tenants/tenant-status.service';
import { AdminProductsService } from './admin-products.service';
import { ModerationResolver } from './moderation.resolver';
import { ModerationService } from './moderation.service';
import { ProductSearchService } from './product-search.service';
import { ProductsRepository } from './products.repository';
import { ProductsService } from './products.service';
import { ProductsRestController } from './rest/products.controller';
import { SellerProductsResolver } from './seller-products.resolver';
import { ProductSearchResultResolver, StorefrontResolver } from './storefront.resolver';

/** Sellers' products, categories, moderation and the buyer storefront queries. */
@Module({
  controllers: [ProductsRestController],
  providers: [
    CategoriesService,
    TenantStatusService,
    ProductsRepository,
    ProductsService,
    ProductSearchService,
    ModerationService,
    AdminProductsService,
    CategoriesResolver,
    SellerProductsResolver,
    StorefrontResolver,
    ProductSearchResultResolver,
    ModerationResolver,
  ],
  exports: [ProductsService, ProductsRepository, TenantStatusService],
})
export class ProductsModule {}
