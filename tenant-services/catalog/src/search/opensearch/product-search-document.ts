import type { ProductSnapshot, ProductState } from '@marketplace/contracts';
import type { ProductDocument, ProductView } from '../../products/product.document';
import { attributePairs } from '../../products/products.service';
import { productTokens } from '../../shared/text-tokens';
import { isIndexable } from '../search-index';

/**
 * A product as OpenSearch holds it (ADR 0041). Search fields are the catalog's own tokens and denormalized
 * filter fields, as keywords and numbers: the engine matches exactly what the in-memory index matches (ADR
 * 0004 semantics), so the two engines give the same answers. What buyers read travels unindexed in `view`.
 * A product buyers may not see stays as a hidden stub, so its version keeps refusing older events.
 */
export interface ProductSearchDocument {
  productId: string;
  tenantId: string;
  visible: boolean;
  slug?: string;
  tokens?: string[];
  titleTokens?: string[];
  categoryPath?: string[];
  attributePairs?: string[];
  currency?: string;
  minPrice?: number;
  inStock?: boolean;
  ratingAvg?: number;
  /** Epoch ms; NO_VALUE when unset, so sorts and keyset positions stay numbers. */
  publishedAt?: number;
  view?: StoredView;
}

/** ProductView with its dates as epoch ms, as JSON carries them. */
type StoredView = Omit<ProductView, 'createdAt' | 'updatedAt' | 'publishedAt'> & {
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
};

/** Below every real value: how a missing sort value is stored (the in-memory index sorts it first too). */
export const NO_VALUE = -Number.MAX_SAFE_INTEGER;

/**
 * The external version of a product deleted from MongoDB: above any revision, so nothing older brings it back
 * (product ids are never reused).
 */
export const DELETED_VERSION = Number.MAX_SAFE_INTEGER;

export const PRODUCT_INDEX_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    productId: { type: 'keyword' },
    tenantId: { type: 'keyword' },
    visible: { type: 'boolean' },
    slug: { type: 'keyword' },
    tokens: { type: 'keyword' },
    titleTokens: { type: 'keyword' },
    categoryPath: { type: 'keyword' },
    attributePairs: { type: 'keyword' },
    currency: { type: 'keyword' },
    minPrice: { type: 'long' },
    inStock: { type: 'boolean' },
    ratingAvg: { type: 'double' },
    publishedAt: { type: 'long' },
    view: { type: 'object', enabled: false },
  },
} as const;

/** What a search document is built from: the stored product, or the product an event carries. */
export type SearchableProduct = ProductView &
  Pick<ProductDocument, 'deletedAt' | 'categoryPath' | 'attributePairs' | 'tokens' | 'titleTokens'>;

export function toSearchDocument(doc: SearchableProduct): ProductSearchDocument {
  if (!isIndexable(doc)) return hiddenStub(doc._id, doc.tenantId);
  const view: StoredView = {
    _id: doc._id,
    tenantId: doc.tenantId,
    slug: doc.slug,
    title: doc.title,
    description: doc.description,
    status: doc.status,
    moderation: doc.moderation,
    categoryId: doc.categoryId,
    attributes: doc.attributes ?? [],
    options: doc.options ?? [],
    variants: doc.variants ?? [],
    stock: doc.stock ?? {},
    images: doc.images ?? [],
    imageAlts: doc.imageAlts ?? (doc.images ?? []).map(() => ''),
    currency: doc.currency,
    minPrice: doc.minPrice,
    maxPrice: doc.maxPrice,
    inStock: doc.inStock,
    ratingAvg: doc.ratingAvg ?? 0,
    ratingCount: doc.ratingCount ?? 0,
    createdAt: doc.createdAt.getTime(),
    updatedAt: doc.updatedAt.getTime(),
    publishedAt: doc.publishedAt?.getTime() ?? null,
  };
  return {
    productId: doc._id,
    tenantId: doc.tenantId,
    visible: true,
    slug: doc.slug,
    tokens: doc.tokens ?? [],
    titleTokens: doc.titleTokens ?? [],
    categoryPath: doc.categoryPath ?? [],
    attributePairs: doc.attributePairs ?? [],
    currency: doc.currency,
    minPrice: doc.minPrice,
    inStock: doc.inStock,
    ratingAvg: typeof doc.ratingAvg === 'number' ? doc.ratingAvg : NO_VALUE,
    publishedAt: doc.publishedAt?.getTime() ?? NO_VALUE,
    view,
  };
}

export function hiddenStub(productId: string, tenantId: string): ProductSearchDocument {
  return { productId, tenantId, visible: false };
}

export function fromSearchDocument(source: ProductSearchDocument): ProductView {
  const view = source.view!;
  return {
    ...view,
    // Documents written before alt texts were indexed: no alt text, as the in-memory index answers.
    imageAlts: view.imageAlts ?? view.images.map(() => ''),
    createdAt: new Date(view.createdAt),
    updatedAt: new Date(view.updatedAt),
    publishedAt: view.publishedAt === null ? null : new Date(view.publishedAt),
  };
}

/**
 * The product a product event carries (ADR 0050), as the catalog stored it at `state.revision`: the derived
 * search fields (tokens, attribute pairs, price range) computed by the same functions the catalog's writes use.
 */
export function searchableFromEvent(snapshot: ProductSnapshot & { state: ProductState }): SearchableProduct {
  const { state } = snapshot;
  const variants = snapshot.variants.map((variant, i) => ({
    id: variant.variantId,
    sku: variant.sku,
    optionValues: state.variantOptionValues[i] ?? [],
    priceMinor: variant.priceMinor,
    compareAtMinor: variant.compareAtMinor,
  }));
  const prices = variants.map((variant) => variant.priceMinor);
  return {
    _id: snapshot.productId,
    tenantId: snapshot.tenantId,
    slug: snapshot.slug,
    title: snapshot.title,
    description: state.description,
    status: snapshot.status,
    moderation: snapshot.moderation,
    categoryId: snapshot.categoryId,
    categoryPath: state.categoryPath,
    attributes: state.attributes,
    attributePairs: attributePairs(state.attributes),
    options: state.options,
    variants,
    stock: state.stock,
    images: state.images,
    imageAlts: state.imageAlts,
    currency: snapshot.currency,
    minPrice: prices.length > 0 ? Math.min(...prices) : 0,
    maxPrice: prices.length > 0 ? Math.max(...prices) : 0,
    inStock: state.inStock,
    ratingAvg: state.ratingAvg,
    ratingCount: state.ratingCount,
    ...productTokens(snapshot.title, state.attributes, state.description),
    createdAt: new Date(state.createdAt),
    updatedAt: new Date(state.updatedAt),
    publishedAt: state.publishedAt === null ? null : new Date(state.publishedAt),
    // A deleted product's event is a removal, which the indexer writes as a hidden stub without this.
    deletedAt: null,
  };
}
