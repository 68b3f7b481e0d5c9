import { Inject, Injectable } from '@nestjs/common';
import type { UpdateFilter } from 'mongodb';
import { auditEvent } from '@marketplace/audit';
import { DocumentOutbox } from '@marketplace/events';
import type { CrossTenantCollection } from '@marketplace/tenancy';
import { CatalogDatabase } from '../database/catalog-database';
import { ConflictError, NotFoundError } from '@marketplace/observability';
import type { ModerationState, ProductDocument } from './product.document';
import { productChangedEvent, productRemovedEvent } from './product.events';
import { crossTenantProducts } from './products.repository';

/**
 * Platform-admin moderation across tenants (requires a cross-tenant request context). The audit record is staged
 * with the product's own events, so it is written in the same document update as the change.
 */
@Injectable()
export class ModerationService {
  private readonly products: CrossTenantCollection<ProductDocument>;

  constructor(@Inject(CatalogDatabase) private readonly database: CatalogDatabase) {
    this.products = crossTenantProducts(database);
  }

  async moderate(id: string, moderation: ModerationState, reason: string | null): Promise<ProductDocument> {
    const [current] = await this.products.find({ _id: id, deletedAt: null });
    if (!current) throw new NotFoundError(`Product ${id} not found`);
    if (current.moderation === moderation) return current;
    const updatedAt = new Date();
    // The events describe the product as stored, at its next revision (ADR 0050).
    const saved: ProductDocument = {
      ...current,
      moderation,
      moderationReason: reason,
      updatedAt,
      rev: current.rev + 1,
    };
    const event =
      moderation === 'removed'
        ? productRemovedEvent(saved, 'moderated')
        : productChangedEvent('updated', saved);
    const audit = auditEvent({
      service: 'catalog',
      action: 'product.moderate',
      tenantId: current.tenantId,
      targetType: 'product',
      targetId: id,
      before: { moderation: current.moderation, title: current.title },
      after: { moderation, title: current.title },
      reason,
    });
    // Dotted outbox paths are not keys of ProductDocument, which the driver's update type insists on.
    const result = await this.database.serializeProductWrites(id, () =>
      this.products.updateMany(
        { _id: id, rev: current.rev },
        DocumentOutbox.stage(
          { $set: { moderation, moderationReason: reason, updatedAt }, $inc: { rev: 1 } },
          id,
          [event, audit],
        ) as UpdateFilter<ProductDocument>,
        { tenantId: current.tenantId },
      ),
    );
    if (result.matchedCount !== 1) throw new ConflictError(`Product ${id} was changed concurrently; retry`);
    await this.database.productsWritten({ docs: [saved] });
    return saved;
  }
}
