import { Inject, Injectable } from '@nestjs/common';
import { DocumentOutbox } from '@marketplace/events';
import { ForbiddenError } from '@marketplace/auth';
import { requireTenantId } from '@marketplace/tenancy';
import { ulid } from 'ulid';
import { CategoriesService } from '../categories/categories.service';
import { type Connection, opaqueCursor, pageOf } from '@marketplace/service-kit';
import {
  ConflictError,
  INVALID_CURSOR_MESSAGE,
  NotFoundError,
  ValidationError,
} from '@marketplace/observability';
import { z } from 'zod';
import { productTokens, slugify } from '../shared/text-tokens';
import { MEDIA_OWNERSHIP, type MediaOwnership } from '../media/media-ownership';
import { TenantStatusService } from '../tenants/tenant-status.service';
import {
  anyVariantInStock,
  type NameValue,
  type ProductDocument,
  type ProductStatus,
  type VariantDocument,
} from './product.document';
import { productChangedEvent, productRemovedEvent, type ProductChange } from './product.events';
import {
  SellerProductSort,
  updateProductSchema,
  type CreateProduct,
  type UpdateProduct,
  type VariantFields,
} from './product.inputs';
import { ProductsRepository, type SellerSortField } from './products.repository';

/** Field and direction of each seller list order; `cursor` names it in the page cursors. */
const SELLER_SORTS: Record<SellerProductSort, { field: SellerSortField; direction: 1 | -1; cursor: string }> =
  {
    // The name the cursors had before the list could be sorted, so those stay valid.
    NEWEST: { field: 'createdAt', direction: -1, cursor: 'SELLER_CREATED' },
    OLDEST: { field: 'createdAt', direction: 1, cursor: 'SELLER_OLDEST' },
    TITLE_ASC: { field: 'title', direction: 1, cursor: 'SELLER_TITLE_ASC' },
    TITLE_DESC: { field: 'title', direction: -1, cursor: 'SELLER_TITLE_DESC' },
    PRICE_ASC: { field: 'minPrice', direction: 1, cursor: 'SELLER_PRICE_ASC' },
    PRICE_DESC: { field: 'minPrice', direction: -1, cursor: 'SELLER_PRICE_DESC' },
    UPDATED: { field: 'updatedAt', direction: -1, cursor: 'SELLER_UPDATED' },
  };
const DATE_FIELDS = new Set<SellerSortField>(['createdAt', 'updatedAt']);

/** Keyset position in a seller list: the order's name, the last row's sort value (epoch ms for dates), its id. */
const sellerCursor = opaqueCursor(
  z.object({ s: z.string(), v: z.union([z.string(), z.number()]), id: z.string().min(1) }),
);

/** Which status changes are allowed, by target status. */
const ALLOWED_FROM: Record<'published' | 'archived', ProductStatus[]> = {
  published: ['draft', 'archived'],
  archived: ['draft', 'published'],
};

/** The seller's side of the catalog: every call acts on the tenant of the request context only. */
@Injectable()
export class ProductsService {
  constructor(
    @Inject(ProductsRepository) private readonly products: ProductsRepository,
    @Inject(CategoriesService) private readonly categories: CategoriesService,
    @Inject(TenantStatusService) private readonly tenantStatus: TenantStatusService,
    @Inject(MEDIA_OWNERSHIP) private readonly media: MediaOwnership,
  ) {}

  async get(id: string): Promise<ProductDocument> {
    const product = await this.products.findLive(id);
    if (!product) throw new NotFoundError(`Product ${id} not found`);
    return product;
  }

  async list(
    first: number,
    after: string | undefined,
    status?: ProductStatus,
    sort: SellerProductSort = SellerProductSort.NEWEST,
  ): Promise<Connection<ProductDocument>> {
    const { field, direction, cursor } = SELLER_SORTS[sort];
    const filters: object[] = status ? [{ status }] : [];
    if (after) {
      const position = sellerCursor.decode(after);
      if (position.s !== cursor) throw new ValidationError(INVALID_CURSOR_MESSAGE);
      const value = DATE_FIELDS.has(field) ? new Date(Number(position.v)) : position.v;
      const beyond = direction === 1 ? '$gt' : '$lt';
      filters.push({
        $or: [{ [field]: { [beyond]: value } }, { [field]: value, _id: { [beyond]: position.id } }],
      });
    }
    const docs = await this.products.list(filters.length > 0 ? { $and: filters } : {}, first + 1, {
      field,
      direction,
    });
    return pageOf(docs, first, (doc) =>
      sellerCursor.encode({
        s: cursor,
        v: DATE_FIELDS.has(field) ? (doc[field] as Date).getTime() : (doc[field] as string | number),
        id: doc._id,
      }),
    );
  }

  /** Builds a new draft product document (SKUs not yet reserved); shared by the API and the CSV import. */
  async newDocument(input: CreateProduct, now = new Date()): Promise<ProductDocument> {
    const tenantId = requireTenantId();
    const tenantStatus = await this.tenantStatus.statusForNewProduct(tenantId);
    // A rejected application is final: the seller has no powers left, not even drafts (ADR 0037).
    if (tenantStatus === 'rejected')
      throw new ForbiddenError('The seller application was rejected; products cannot be added');
    await this.requireOwnImages(tenantId, input.images);
    const id = ulid();
    const categoryPath = input.categoryId ? await this.categories.pathOf(input.categoryId) : [];
    const variants = input.variants.map((variant) => ({ id: ulid(), ...variant }));
    return {
      _id: id,
      tenantId,
      slug: `${slugify(input.title)}-${id.slice(-8).toLowerCase()}`,
      title: input.title,
      description: input.description,
      status: 'draft',
      moderation: 'none',
      categoryId: input.categoryId,
      categoryPath,
      attributes: input.attributes,
      attributePairs: attributePairs(input.attributes),
      options: input.options,
      variants,
      images: input.images,
      imageAlts: input.imageAlts ?? input.images.map(() => ''),
      currency: input.currency,
      ...priceRange(variants),
      inStock: true,
      ratingAvg: 0,
      tenantStatus,
      ...productTokens(input.title, input.attributes, input.description),
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      deletedAt: null,
      rev: 1,
      ...DocumentOutbox.initial(id),
    };
  }

  async create(input: CreateProduct): Promise<ProductDocument> {
    const doc = await this.newDocument(input);
    Object.assign(doc, DocumentOutbox.initial(doc._id, [productChangedEvent('created', doc)]));
    const skus = doc.variants.map((v) => v.sku);
    await this.products.reserveSkus(doc._id, skus);
    try {
      await this.products.insert(doc);
    } catch (error) {
      await this.products.releaseSkus(doc._id, skus);
      throw error;
    }
    return doc;
  }

  /** `current`: the revision the caller read and decided on; a concurrent change then is a conflict, not lost. */
  async update(id: string, input: UpdateProduct, current?: ProductDocument): Promise<ProductDocument> {
    current ??= await this.get(id);
    const next: ProductDocument = { ...current };
    if (input.title !== undefined) next.title = input.title;
    if (input.description !== undefined) next.description = input.description;
    if (input.currency !== undefined) next.currency = input.currency;
    if (input.images !== undefined) {
      // Images the product already shows stay; each new one must be the seller's own product image.
      const kept = new Set(current.images);
      await this.requireOwnImages(
        current.tenantId,
        input.images.filter((image) => !kept.has(image)),
      );
      next.images = input.images;
    }
    next.imageAlts = imageAltsAfter(current, next.images, input.imageAlts);
    if (input.options !== undefined) next.options = input.options;
    if (input.categoryId !== undefined) {
      next.categoryId = input.categoryId;
      next.categoryPath = await this.categories.pathOf(input.categoryId);
    }
    if (input.attributes !== undefined) {
      next.attributes = input.attributes;
      next.attributePairs = attributePairs(input.attributes);
    }
    if (input.variants !== undefined) {
      const keptIds = new Map(current.variants.map((v) => [v.sku, v.id]));
      next.variants = input.variants.map((variant) => ({
        id: keptIds.get(variant.sku) ?? ulid(),
        ...variant,
      }));
      Object.assign(next, priceRange(next.variants));
    }
    Object.assign(next, productTokens(next.title, next.attributes, next.description));
    // Dropping the last variant in stock, or adding one, changes what buyers can get.
    next.inStock = anyVariantInStock(next.variants, current.stock);

    const before = new Set(current.variants.map((v) => v.sku));
    const after = new Set(next.variants.map((v) => v.sku));
    const added = [...after].filter((sku) => !before.has(sku));
    const dropped = [...before].filter((sku) => !after.has(sku));
    await this.products.reserveSkus(id, added);
    const changes: Partial<ProductDocument> = {
      title: next.title,
      description: next.description,
      currency: next.currency,
      images: next.images,
      imageAlts: next.imageAlts,
      options: next.options,
      categoryId: next.categoryId,
      categoryPath: next.categoryPath,
      attributes: next.attributes,
      attributePairs: next.attributePairs,
      variants: next.variants,
      minPrice: next.minPrice,
      maxPrice: next.maxPrice,
      inStock: next.inStock,
      tokens: next.tokens,
      titleTokens: next.titleTokens,
    };
    const saved = await this.products.updateAtRevision(current, changes, (stored) => [
      productChangedEvent('updated', stored),
    ]);
    if (!saved) {
      await this.products.releaseSkus(id, added);
      throw new ConflictError(`Product ${id} was changed concurrently; retry`);
    }
    await this.products.releaseSkus(id, dropped);
    return { ...next, rev: current.rev + 1 };
  }

  /**
   * Refuses image ids that are not product images of this tenant: another seller's media or a buyer's review
   * photo must never appear on this seller's product.
   */
  private async requireOwnImages(tenantId: string, images: readonly string[]): Promise<void> {
    if (images.length === 0) return;
    const owned = await this.media.productImagesOf(tenantId, images);
    const foreign = images.filter((image) => !owned.has(image));
    if (foreign.length > 0) {
      throw new ValidationError(`images: not product images of your organization: ${foreign.join(', ')}`);
    }
  }

  /**
   * Changes the variant list one variant at a time (the REST variants routes): `edit` gets the current variants and
   * answers the new list, which goes through the same validation and `update` as a full product update.
   */
  async editVariants(
    id: string,
    edit: (variants: VariantFields[], product: ProductDocument) => VariantFields[],
  ): Promise<ProductDocument> {
    const current = await this.get(id);
    const variants = edit(
      current.variants.map(({ sku, optionValues, priceMinor, compareAtMinor }) => ({
        sku,
        optionValues,
        priceMinor,
        compareAtMinor,
      })),
      current,
    );
    // The options go along unchanged so every variant's option values are checked against them.
    return this.update(id, updateProductSchema.parse({ options: current.options, variants }), current);
  }

  async publish(id: string): Promise<ProductDocument> {
    return this.changeStatus(id, 'published', 'published');
  }

  async archive(id: string): Promise<ProductDocument> {
    return this.changeStatus(id, 'archived', 'archived');
  }

  /** Soft delete: the tombstone carries the product.removed event until the relay has published it. */
  async delete(id: string): Promise<void> {
    const current = await this.get(id);
    const deletedAt = new Date();
    const saved = await this.products.updateAtRevision(current, { deletedAt }, (stored) => [
      productRemovedEvent(stored, 'deleted'),
    ]);
    if (!saved) throw new ConflictError(`Product ${id} was changed concurrently; retry`);
    await this.products.releaseSkus(
      id,
      current.variants.map((v) => v.sku),
    );
  }

  private async changeStatus(
    id: string,
    status: 'published' | 'archived',
    change: ProductChange,
  ): Promise<ProductDocument> {
    const current = await this.get(id);
    if (current.status === status) return current;
    if (!ALLOWED_FROM[status].includes(current.status)) {
      throw new ConflictError(`A ${current.status} product cannot become ${status}`);
    }
    const now = new Date();
    const next: ProductDocument = {
      ...current,
      status,
      publishedAt: status === 'published' ? (current.publishedAt ?? now) : current.publishedAt,
    };
    const saved = await this.products.updateAtRevision(
      current,
      { status, publishedAt: next.publishedAt },
      (stored) => [productChangedEvent(change, stored)],
    );
    if (!saved) throw new ConflictError(`Product ${id} was changed concurrently; retry`);
    return { ...next, rev: current.rev + 1, updatedAt: now };
  }
}

export function attributePairs(attributes: readonly NameValue[]): string[] {
  return [...new Set(attributes.map((a) => attributePair(a.name, a.value)))];
}

export function attributePair(name: string, value: string): string {
  return `${name.toLowerCase()}=${value}`;
}

function priceRange(variants: readonly VariantDocument[]): { minPrice: number; maxPrice: number } {
  const prices = variants.map((v) => v.priceMinor);
  return { minPrice: Math.min(...prices), maxPrice: Math.max(...prices) };
}

/**
 * Alt texts after an update: the given ones (one per image), else each kept image keeps its own wherever it
 * moved and a new image has none.
 */
function imageAltsAfter(
  current: ProductDocument,
  images: readonly string[],
  given: string[] | undefined,
): string[] {
  if (given !== undefined) {
    if (given.length !== images.length)
      throw new ValidationError(
        `imageAlts: one alt text per image: ${images.length} expected, ${given.length} given`,
      );
    return given;
  }
  const kept = new Map(current.images.map((id, index) => [id, current.imageAlts?.[index] ?? '']));
  return images.map((id) => kept.get(id) ?? '');
}
