import { variantInStock, type ProductView } from './product.document';
import { ModerationValue, ProductStatusValue, type ProductModel } from './product.model';

/** `doc` is a buyer's view or a full document; only the latter carries the moderation reason. */
export function toProductModel(doc: ProductView & { moderationReason?: string | null }): ProductModel {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    seller: { id: doc.tenantId },
    slug: doc.slug,
    title: doc.title,
    description: doc.description,
    status: doc.status as ProductStatusValue,
    moderation: doc.moderation as ModerationValue,
    moderationReason: doc.moderationReason ?? null,
    categoryId: doc.categoryId,
    attributes: doc.attributes,
    options: doc.options,
    variants: doc.variants.map((variant) => ({ ...variant, inStock: variantInStock(doc.stock, variant.id) })),
    images: doc.images,
    imageAlts: doc.images.map((_id, index) => doc.imageAlts?.[index] ?? ''),
    currency: doc.currency,
    minPrice: doc.minPrice,
    maxPrice: doc.maxPrice,
    inStock: doc.inStock,
    ratingAvg: doc.ratingAvg,
    ratingCount: doc.ratingCount ?? 0,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    publishedAt: doc.publishedAt,
  };
}
