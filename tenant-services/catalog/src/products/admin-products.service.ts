import { Inject, Injectable } from '@nestjs/common';
import { type Connection, opaqueCursor, pageOf } from '@marketplace/service-kit';
import { acrossTenants, type CrossTenantCollection } from '@marketplace/tenancy';
import type { Filter } from 'mongodb';
import { z } from 'zod';
import { recordCatalogAudit } from '../audit/audit-records';
import { CatalogDatabase } from '../database/catalog-database';
import type { ModerationState, ProductDocument, ProductStatus } from './product.document';
import { crossTenantProducts } from './products.repository';

export interface AdminProductFilter {
  moderation?: ModerationState;
  status?: ProductStatus;
  sellerId?: string;
}

/** How many of a seller's products are published, and how many of those buyers would see while it is active. */
export interface SellerProductCounts {
  published: number;
  /** Published and not removed by moderation: what the buyer search lists while the seller is active. */
  listed: number;
}

/** Keyset position in the admin list (last change first): the row's `updatedAt` in epoch ms and its id. */
const adminCursor = opaqueCursor(
  z.object({ a: z.literal('ADMIN_UPDATED'), u: z.number(), id: z.string().min(1) }),
);

/**
 * The platform admins' view of every seller's products in every state (drafts, removed ones, those of a
 * suspended seller), which the buyer search hides: the moderation queue and a seller's detail page. Runs in the
 * named cross-tenant operation `catalog.admin-list-products` and is an audited read (ADR 0020).
 */
@Injectable()
export class AdminProductsService {
  private readonly products: CrossTenantCollection<ProductDocument>;

  constructor(@Inject(CatalogDatabase) private readonly database: CatalogDatabase) {
    this.products = crossTenantProducts(database);
  }

  async list(
    filter: AdminProductFilter,
    first: number,
    after: string | undefined,
  ): Promise<Connection<ProductDocument>> {
    const position = after ? adminCursor.decode(after) : undefined;
    const conditions: Filter<ProductDocument>[] = [{ deletedAt: null }];
    if (filter.moderation) conditions.push({ moderation: filter.moderation });
    if (filter.status) conditions.push({ status: filter.status });
    if (position) {
      const at = new Date(position.u);
      conditions.push({ $or: [{ updatedAt: { $lt: at } }, { updatedAt: at, _id: { $lt: position.id } }] });
    }
    await recordCatalogAudit(this.database, {
      service: 'catalog',
      action: 'products.read',
      tenantId: filter.sellerId ?? null,
      targetType: 'product-list',
      after: {
        moderation: filter.moderation ?? null,
        status: filter.status ?? null,
        sellerId: filter.sellerId ?? null,
        first,
        after: after ?? null,
      },
      read: true,
    });
    const docs = await acrossTenants('catalog.admin-list-products', () =>
      this.products.find(
        { $and: conditions },
        {
          sort: { updatedAt: -1, _id: -1 },
          limit: first + 1,
          projection: { pendingEvents: 0, parkedEvents: 0, tokens: 0, titleTokens: 0 },
          ...(filter.sellerId ? { tenantId: filter.sellerId } : {}),
        },
      ),
    );
    return pageOf(docs, first, (doc) =>
      adminCursor.encode({ a: 'ADMIN_UPDATED', u: doc.updatedAt.getTime(), id: doc._id }),
    );
  }

  /**
   * One seller's published products counted in the catalog (an audited read like the list): what a suspension
   * hides from buyers, exactly, however many there are.
   */
  async counts(sellerId: string): Promise<SellerProductCounts> {
    await recordCatalogAudit(this.database, {
      service: 'catalog',
      action: 'products.read',
      tenantId: sellerId,
      targetType: 'product-counts',
      after: { sellerId },
      read: true,
    });
    const published: Filter<ProductDocument> = { status: 'published', deletedAt: null };
    const [all, listed] = await acrossTenants('catalog.admin-count-products', () =>
      Promise.all([
        this.products.countDocuments(published, { tenantId: sellerId }),
        this.products.countDocuments(
          { ...published, moderation: { $ne: 'removed' } },
          { tenantId: sellerId },
        ),
      ]),
    );
    return { published: all, listed };
  }
}
