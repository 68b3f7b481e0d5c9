import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CategoryModel } from '../categories/category.model';
import { ConnectionType, TenantRef } from '@marketplace/service-kit';

export enum ProductStatusValue {
  DRAFT = 'draft',
  PUBLISHED = 'published',
  ARCHIVED = 'archived',
}
registerEnumType(ProductStatusValue, { name: 'ProductStatus', description: 'draft → published → archived' });

export enum ModerationValue {
  NONE = 'none',
  FLAGGED = 'flagged',
  REMOVED = 'removed',
}
registerEnumType(ModerationValue, { name: 'ModerationState' });

/** An uploaded image, owned by the media subgraph (variant URLs); referenced here by id only. */
@ObjectType('Media')
@Directive('@key(fields: "id", resolvable: false)')
export class MediaRef {
  @Field(() => ID) id!: string;
}

@ObjectType('NameValue')
export class NameValueModel {
  @Field() name!: string;
  @Field() value!: string;
}

@ObjectType('ProductOption')
export class ProductOptionModel {
  @Field() name!: string;
  @Field(() => [String]) values!: string[];
}

@ObjectType('Variant')
export class VariantModel {
  @Field(() => ID) id!: string;
  @Field() sku!: string;
  @Field(() => [NameValueModel]) optionValues!: NameValueModel[];
  @Field(() => Int, { description: 'Minor units of the product currency.' }) priceMinor!: number;
  @Field(() => Int, { nullable: true }) compareAtMinor!: number | null;
  @Field({ description: 'False once inventory reports no available units of this variant.' })
  inStock!: boolean;
}

@ObjectType('Product')
@Directive('@key(fields: "id")')
export class ProductModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => TenantRef) seller!: TenantRef;
  @Field() slug!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => ProductStatusValue) status!: ProductStatusValue;
  @Field(() => ModerationValue) moderation!: ModerationValue;
  @Field(() => String, {
    nullable: true,
    description:
      "The platform's policy reason (or note) of the last moderation decision; null when never moderated. " +
      "Answered on the seller's own and the admin product queries (buyer search leaves it out).",
  })
  moderationReason!: string | null;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => CategoryModel, { nullable: true }) category?: CategoryModel | null;
  @Field(() => [NameValueModel]) attributes!: NameValueModel[];
  @Field(() => [ProductOptionModel]) options!: ProductOptionModel[];
  @Field(() => [VariantModel]) variants!: VariantModel[];
  @Field(() => [ID], { description: 'Media ids in display order.' }) images!: string[];
  @Field(() => [String], {
    description: 'Alt text of each image, in the order of images; "" where the seller gave none.',
  })
  imageAlts!: string[];
  @Field() currency!: string;
  @Field(() => Int) minPrice!: number;
  @Field(() => Int) maxPrice!: number;
  @Field({ description: 'Whether any variant is in stock (kept in step with inventory).' }) inStock!: boolean;
  @Field(() => Float, { description: 'Average of the published reviews; 0 without any.' }) ratingAvg!: number;
  @Field(() => Int, { description: 'Number of published reviews.' }) ratingCount!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
}

@ObjectType('ProductConnection')
export class ProductConnectionModel extends ConnectionType(ProductModel) {}

@ObjectType('SellerProductCounts', {
  description: "One seller's published products as the catalog counts them (platform admins).",
})
export class SellerProductCountsModel {
  @Field(() => ID) sellerId!: string;
  @Field(() => Int, { description: 'Published products, whatever their moderation state.' })
  published!: number;
  @Field(() => Int, {
    description:
      'Published and not removed by moderation: what buyers see while the seller is active, and what a ' +
      'suspension hides from them.',
  })
  listed!: number;
}

@ObjectType('FacetCount')
export class FacetCountModel {
  @Field(() => ID) value!: string;
  @Field({ nullable: true, description: 'Display name (categories).' }) label?: string;
  @Field(() => Int) count!: number;
}

@ObjectType('AttributeFacet')
export class AttributeFacetModel {
  @Field() name!: string;
  @Field(() => [FacetCountModel]) values!: FacetCountModel[];
}

@ObjectType('PriceBucket')
export class PriceBucketModel {
  @Field(() => Int) min!: number;
  @Field(() => Int, { nullable: true, description: 'Exclusive; null for the open-ended top bucket.' }) max!:
    number | null;
  @Field(() => Int) count!: number;
}

@ObjectType('SearchFacets')
export class SearchFacetsModel {
  @Field(() => [FacetCountModel]) categories!: FacetCountModel[];
  @Field(() => [FacetCountModel]) sellers!: FacetCountModel[];
  @Field(() => [AttributeFacetModel]) attributes!: AttributeFacetModel[];
  @Field(() => [PriceBucketModel], { description: 'By "from" price, in the currency filtered on.' })
  priceBuckets!: PriceBucketModel[];
}

@ObjectType('ProductSearchResult')
export class ProductSearchResultModel extends ConnectionType(ProductModel) {
  @Field(() => Int) totalCount!: number;
  @Field(() => SearchFacetsModel) facets!: SearchFacetsModel;
}
