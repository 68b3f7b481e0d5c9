import { Inject, Injectable } from '@nestjs/common';
import type { UpdateFilter } from 'mongodb';
import { auditEvent } from '@marketplace/audit';
import { DocumentOutbox, type OutgoingEvent } from '@marketplace/events';
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
    const current = await this.live(id);
    if (current.moderation === moderation) return current;
    return this.decide(
      current,
      { moderation, moderationReason: reason },
      'product.moderate',
      reason,
      (saved) =>
        moderation === 'removed'
          ? productRemovedEvent(saved, 'moderated')
          : productChangedEvent('updated', saved),
    );
  }

  /**
   * Sends a product back to its seller (ADR 0061): unpublished — a draft, which buyers do not see — and flagged
   * with the policy reason, which the seller reads. Publishing it again shows it to buyers and, still flagged,
   * keeps it in the moderation queue until an admin approves or removes it. A removed product is restored first;
   * an archived one is not for sale anyway.
   */
  async reject(id: string, reason: string): Promise<ProductDocument> {
    const current = await this.live(id);
    if (current.moderation === 'removed')
      throw new ConflictError(`Product ${id} is removed; restore it before rejecting it`);
    if (current.status === 'archived')
      throw new ConflictError(`Product ${id} is archived; nothing to reject`);
    return this.decide(
      current,
      { status: 'draft', moderation: 'flagged', moderationReason: reason },
      'product.reject',
      reason,
      (saved) => productChangedEvent('updated', saved),
    );
  }

  private async live(id: string): Promise<ProductDocument> {
    const [current] = await this.products.find({ _id: id, deletedAt: null });
    if (!current) throw new NotFoundError(`Product ${id} not found`);
    return current;
  }

  /** Stores one moderation decision with its product event and its audit record in the same document update. */
  private async decide(
    current: ProductDocument,
    change: Pick<ProductDocument, 'moderation' | 'moderationReason'> &
      Partial<Pick<ProductDocument, 'status'>>,
    action: 'product.moderate' | 'product.reject',
    reason: string | null,
    eventOf: (saved: ProductDocument) => OutgoingEvent,
  ): Promise<ProductDocument> {
    const id = current._id;
    const updatedAt = new Date();
    // The events describe the product as stored, at its next revision (ADR 0050).
    const saved: ProductDocument = { ...current, ...change, updatedAt, rev: current.rev + 1 };
    const audit = auditEvent({
      service: 'catalog',
      action,
      tenantId: current.tenantId,
      targetType: 'product',
      targetId: id,
      before: {
        ...(change.status ? { status: current.status } : {}),
        moderation: current.moderation,
        title: current.title,
      },
      after: {
        ...(change.status ? { status: change.status } : {}),
        moderation: change.moderation,
        title: current.title,
      },
      reason,
    });
    // Dotted outbox paths are not keys of ProductDocument, which the driver's update type insists on.
    const result = await this.database.serializeProductWrites(id, () =>
      this.products.updateMany(
        { _id: id, rev: current.rev },
        DocumentOutbox.stage({ $set: { ...change, updatedAt }, $inc: { rev: 1 } }, id, [
          eventOf(saved),
          audit,
        ]) as UpdateFilter<ProductDocument>,
        { tenantId: current.tenantId },
      ),
    );
    if (result.matchedCount !== 1) throw new ConflictError(`Product ${id} was changed concurrently; retry`);
    await this.database.productsWritten({ docs: [saved] });
    return saved;
  }
}
