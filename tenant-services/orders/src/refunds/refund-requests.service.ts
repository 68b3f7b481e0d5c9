import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AuditInput, recordAudit } from '@marketplace/audit';
import { SellerOrderStatusChanged } from '@marketplace/contracts';
import { enqueue, type MySqlDb as EventsDb } from '@marketplace/events';
import {
  ConflictError,
  InjectLogger,
  type Logger,
  NotFoundError,
  ValidationError,
} from '@marketplace/observability';
import {
  acrossTenants,
  crossTenantRepository,
  type MySqlDb,
  tenantRepository,
  withinTenant,
} from '@marketplace/tenancy';
import { type Connection, createdAtCursor, isMySqlDuplicateKey, pageOf } from '@marketplace/service-kit';
import { and, desc, eq, ne, type SQL } from 'drizzle-orm';
import { ulid } from 'ulid';
import { PaymentsClient } from '../downstream/payments.client';
import { derivedBuyerStatus } from '../orders/order-status';
import { sellerOrders, type SellerOrderRow, type SellerOrderStatus } from '../orders/order.schema';
import { before, OrderRepository } from '../orders/order.repository';
import type { AmountRefund, RefundDecision, RefundRequestCommand } from './refund-request.inputs';
import {
  type RefundRequestRow,
  type RefundRequestStatus,
  refundRequests,
  type RequestedLine,
} from './refund-request.schema';

/** Seller orders a buyer may ask money back for: paid, and not (fully) refunded or cancelled. */
const REFUNDABLE: readonly SellerOrderStatus[] = [
  'paid',
  'fulfilled',
  'shipped',
  'delivered',
  'partially_refunded',
];

/**
 * Returns and refunds as a flow (ADR 0017): the buyer asks for lines of one seller order with a reason; the seller
 * accepts (the whole requested amount or less) or declines with a reason; an admin refunds any seller order. The
 * money moves in payments (Stripe refund + reversal of the seller's share), idempotently per request; the seller
 * order's status follows payments' refund.created events.
 */
@Injectable()
export class RefundRequestsService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly payments: PaymentsClient,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** The buyer's request; another buyer's seller order is not found. A repeat with the key answers the same. */
  async request(buyerId: string, command: RefundRequestCommand): Promise<RefundRequestRow> {
    const repeated = await this.byBuyerKey(buyerId, command.idempotencyKey);
    if (repeated) return sameRequest(repeated, command);
    const seller = await acrossTenants('orders.refund-request-seller-order', () =>
      crossTenantRepository(this.orders.db, sellerOrders).findMany(
        eq(sellerOrders.id, command.sellerOrderId),
      ),
    ).then((rows) => rows[0]);
    if (!seller || !(await this.orders.findForBuyer(seller.buyerOrderId))) {
      throw new NotFoundError(`No seller order ${command.sellerOrderId}`);
    }
    if (!REFUNDABLE.includes(seller.status)) {
      throw new ConflictError(`A ${seller.status} seller order cannot be refunded`);
    }
    const lines = await this.priced(seller, command.lines);
    const requestedAmount = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    if (requestedAmount === 0) throw new ValidationError('The requested lines were free: nothing to refund');
    const now = new Date();
    const row: RefundRequestRow = {
      tenantId: seller.tenantId,
      id: ulid(),
      buyerOrderId: seller.buyerOrderId,
      sellerOrderId: seller.id,
      buyerId,
      idempotencyKey: command.idempotencyKey,
      lines,
      requestedAmount,
      acceptedAmount: null,
      currency: seller.currency,
      reason: command.reason,
      status: 'requested',
      decisionReason: null,
      decidedBy: null,
      refundId: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await withinTenant(seller.tenantId, () => tenantRepository(this.orders.db, refundRequests).insert(row));
    } catch (error) {
      if (!isMySqlDuplicateKey(error)) throw error;
      return sameRequest((await this.byBuyerKey(buyerId, command.idempotencyKey))!, command);
    }
    return row;
  }

  /**
   * The seller accepts (current tenant): refunds `amount` (default: everything requested) through payments.
   * Accepting again answers the same refund; payments' refusal puts the request back to `requested` with the error.
   */
  async accept(
    id: string,
    decision: RefundDecision,
    actor: string,
    audit?: (request: RefundRequestRow, amount: number) => AuditInput,
  ): Promise<RefundRequestRow> {
    const current = await this.ofTenant(id);
    if (current.status === 'refunded') return current;
    if (current.status === 'declined') throw new ConflictError(`Refund request ${id} was declined`);
    const amount = decision.amount ?? current.acceptedAmount ?? current.requestedAmount;
    if (amount > current.requestedAmount) {
      throw new ValidationError(
        `The refund of ${amount} exceeds the ${current.requestedAmount} ${current.currency} requested`,
      );
    }
    if (current.status === 'refunding' && current.acceptedAmount !== amount) {
      throw new ConflictError(`Refund request ${id} is being refunded with ${current.acceptedAmount}`);
    }
    await this.update(id, current.status, {
      status: 'refunding',
      acceptedAmount: amount,
      decisionReason: decision.reason ?? null,
      decidedBy: actor,
    });
    let refund: { id: string };
    try {
      refund = await this.payments.refundSellerOrder(
        current.buyerOrderId,
        current.sellerOrderId,
        amount,
        `refund-request-${id}`,
      );
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError) {
        await this.update(id, 'refunding', {
          status: 'requested',
          acceptedAmount: null,
          lastError: error.message,
        });
      }
      throw error;
    }
    // An audited refund (an admin's) is recorded in the transaction that marks it refunded (ADR 0020): the
    // provider call before it is idempotent per request, so a crash in between refunds once and records once.
    await this.orders.db.transaction(async (tx: MySqlDb) => {
      await this.update(id, 'refunding', { status: 'refunded', refundId: refund.id, lastError: null }, tx);
      if (audit) await recordAudit(tx, audit(current, amount));
    });
    this.logger.info({ refundRequestId: id, amount, actor }, 'refund request accepted and refunded');
    return this.ofTenant(id);
  }

  /** The seller declines with a reason (current tenant); declining again answers the same. */
  async decline(id: string, reason: string, actor: string): Promise<RefundRequestRow> {
    const current = await this.ofTenant(id);
    if (current.status === 'declined') return current;
    if (current.status !== 'requested')
      throw new ConflictError(`Refund request ${id} is already ${current.status}`);
    await this.update(id, 'requested', { status: 'declined', decisionReason: reason, decidedBy: actor });
    return this.ofTenant(id);
  }

  /**
   * Admin refund of any seller order (the caller audits): recorded as a request the admin decided, so sellers and
   * buyers see it like any other; the idempotency key makes a retried call refund once.
   */
  async adminRefund(adminId: string, input: AmountRefund): Promise<RefundRequestRow> {
    const seller = await acrossTenants('orders.admin-refund', () =>
      crossTenantRepository(this.orders.db, sellerOrders).findMany(eq(sellerOrders.id, input.sellerOrderId)),
    ).then((rows) => rows[0]);
    if (!seller) throw new NotFoundError(`No seller order ${input.sellerOrderId}`);
    const key = `admin:${input.idempotencyKey}`;
    const buyerOrder = (await this.orders.find(seller.buyerOrderId))!;
    const repeated = await this.byBuyerKey(buyerOrder.buyerId, key);
    // Chosen lines are priced and checked against what is still refundable (a repeat was checked the first time).
    const lines = input.lines && !repeated ? await this.priced(seller, input.lines) : (repeated?.lines ?? []);
    const cost = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    if (input.lines && !repeated && input.amount > cost) {
      throw new ValidationError(
        `The refund of ${input.amount} exceeds the ${cost} ${seller.currency} the chosen lines cost`,
      );
    }
    return this.refundAmount(seller, adminId, key, input, lines, (request, amount) => ({
      service: 'orders',
      action: 'order.refund',
      tenantId: request.tenantId,
      targetType: 'seller-order',
      targetId: request.sellerOrderId,
      after: {
        refundRequestId: request.id,
        amount,
        currency: request.currency,
        status: 'refunded',
        ...(request.lines.length > 0
          ? { lines: request.lines.map(({ sku, quantity }) => ({ sku, quantity })) }
          : {}),
      },
      reason: input.reason,
    }));
  }

  /**
   * The seller refunds an amount of one of its own orders without a buyer's request (current tenant; an
   * integrator's REST call or the GraphQL `createRefund`), recorded and decided like an admin refund.
   */
  async sellerRefund(actor: string, input: AmountRefund): Promise<RefundRequestRow> {
    const seller = await this.orders.sellerOrder(input.sellerOrderId);
    if (!seller) throw new NotFoundError(`No seller order ${input.sellerOrderId}`);
    // Keys are per buyer in the table; hashing in the tenant keeps two sellers of one buyer from meeting.
    const key = createHash('sha256').update(`${seller.tenantId}:${input.idempotencyKey}`).digest('base64url');
    return this.refundAmount(seller, actor, `seller:${key}`, input);
  }

  /** The current tenant's refund request. */
  get(id: string): Promise<RefundRequestRow> {
    return this.ofTenant(id);
  }

  private async refundAmount(
    seller: SellerOrderRow,
    actor: string,
    key: string,
    input: AmountRefund,
    lines: RequestedLine[] = [],
    audit?: (request: RefundRequestRow, amount: number) => AuditInput,
  ): Promise<RefundRequestRow> {
    const buyerOrder = (await this.orders.find(seller.buyerOrderId))!;
    const existing = await this.byBuyerKey(buyerOrder.buyerId, key);
    if (existing && (existing.sellerOrderId !== seller.id || existing.requestedAmount !== input.amount)) {
      throw new ConflictError('The idempotency key was already used for another refund');
    }
    const now = new Date();
    if (!existing) {
      await withinTenant(seller.tenantId, () =>
        tenantRepository(this.orders.db, refundRequests)
          .insert({
            id: ulid(),
            buyerOrderId: seller.buyerOrderId,
            sellerOrderId: seller.id,
            buyerId: buyerOrder.buyerId,
            idempotencyKey: key,
            lines,
            requestedAmount: input.amount,
            currency: seller.currency,
            reason: input.reason,
            status: 'requested',
            createdAt: now,
            updatedAt: now,
          })
          .catch((error: unknown) => {
            if (!isMySqlDuplicateKey(error)) throw error;
            return [];
          }),
      );
    }
    const request = (await this.byBuyerKey(buyerOrder.buyerId, key))!;
    return withinTenant(seller.tenantId, async () => {
      try {
        return await this.accept(request.id, { amount: input.amount, reason: input.reason }, actor, audit);
      } catch (error) {
        // A refund payments refused leaves no trace of the attempt (an admin's is in the audit line).
        if (!existing && (error instanceof ValidationError || error instanceof ConflictError)) {
          await tenantRepository(this.orders.db, refundRequests).delete(eq(refundRequests.id, request.id));
        }
        throw error;
      }
    });
  }

  /** From payments' refund.created: the seller order becomes partially_refunded or refunded (in the event's tx). */
  async applyRefund(
    eventTx: EventsDb,
    sellerOrderId: string,
    amount: number,
    occurredAt: Date,
  ): Promise<void> {
    // The consumer's transaction is this service's drizzle mysql2 transaction, typed without our schema.
    const tx = eventTx as MySqlDb;
    await acrossTenants('orders.apply-refund', async () => {
      const seller = await this.orders.lockSellerOrder(tx, sellerOrderId);
      if (!seller) return;
      const refundedAmount = seller.refundedAmount + amount;
      const to: SellerOrderStatus =
        refundedAmount >= seller.subtotal
          ? 'refunded'
          : REFUNDABLE.includes(seller.status)
            ? 'partially_refunded'
            : seller.status;
      await crossTenantRepository(tx, sellerOrders).update(eq(sellerOrders.id, seller.id), {
        refundedAmount,
        status: to,
        updatedAt: occurredAt,
      });
      if (to === seller.status) return;
      const history = [{ orderId: seller.id, from: seller.status, to, actor: 'payments', reason: 'refund' }];
      const buyerOrder = await this.orders.lockBuyerOrder(tx, seller.buyerOrderId);
      const siblings = await this.orders.sellerOrdersOf(seller.buyerOrderId, tx);
      const buyerStatus = derivedBuyerStatus(siblings.map((s) => (s.id === seller.id ? to : s.status)));
      if (buyerOrder && buyerOrder.status !== buyerStatus) {
        await this.orders.updateBuyerOrder(tx, buyerOrder.id, { status: buyerStatus, updatedAt: occurredAt });
        history.push({
          orderId: buyerOrder.id,
          from: buyerOrder.status,
          to: buyerStatus,
          actor: 'payments',
          reason: 'refund',
        });
      }
      await this.orders.recordHistory(tx, history, occurredAt);
      await enqueue(
        tx,
        SellerOrderStatusChanged.create(
          {
            buyerOrderId: seller.buyerOrderId,
            sellerOrderId: seller.id,
            tenantId: seller.tenantId,
            from: seller.status,
            to,
            carrier: seller.carrier,
            trackingNumber: seller.trackingNumber,
            changedAt: occurredAt.toISOString(),
          },
          { tenantId: seller.tenantId },
        ),
        { key: seller.buyerOrderId },
      );
    });
  }

  /** From payments' seller-order.disputed: the seller order shows the chargeback; history records it. */
  async flagDispute(
    eventTx: EventsDb,
    sellerOrderId: string,
    status: 'open' | 'won' | 'lost',
    reason: string,
    at: Date,
  ): Promise<void> {
    const tx = eventTx as MySqlDb;
    await acrossTenants('orders.flag-dispute', async () => {
      const changed = await crossTenantRepository(tx, sellerOrders).update(
        eq(sellerOrders.id, sellerOrderId),
        {
          disputeStatus: status,
          updatedAt: at,
        },
      );
      if (changed === 0) return;
      const [seller] = await crossTenantRepository(tx, sellerOrders).findMany(
        eq(sellerOrders.id, sellerOrderId),
      );
      await this.orders.recordHistory(
        tx,
        [
          {
            orderId: sellerOrderId,
            from: seller!.status,
            to: seller!.status,
            actor: 'payments',
            reason: `dispute ${status}: ${reason}`,
          },
        ],
        at,
      );
    });
  }

  /** The current tenant's requests, newest first. */
  async sellerPage(
    status: RefundRequestStatus | undefined,
    first: number,
    after?: string,
  ): Promise<Connection<RefundRequestRow>> {
    const rows = await tenantRepository(this.orders.db, refundRequests).findMany(
      and(status ? eq(refundRequests.status, status) : undefined, before(refundRequests, after)),
      { orderBy: [desc(refundRequests.createdAt), desc(refundRequests.id)], limit: first + 1 },
    );
    return pageOf(rows, first, createdAtCursor.encode);
  }

  /** The buyer's own requests, newest first. */
  async buyerPage(buyerId: string, first: number, after?: string): Promise<Connection<RefundRequestRow>> {
    const rows = await acrossTenants('orders.buyer-refund-requests', () =>
      crossTenantRepository(this.orders.db, refundRequests).findMany(
        and(eq(refundRequests.buyerId, buyerId), before(refundRequests, after)) as SQL,
        { orderBy: [desc(refundRequests.createdAt), desc(refundRequests.id)], limit: first + 1 },
      ),
    );
    return pageOf(rows, first, createdAtCursor.encode);
  }

  /** Each requested sku priced from the order; quantities beyond what was bought and not yet asked for are refused. */
  private async priced(
    seller: SellerOrderRow,
    requested: RefundRequestCommand['lines'],
  ): Promise<RequestedLine[]> {
    const bought = await this.orders.linesAcrossTenants([seller.id]);
    const earlier = await acrossTenants('orders.refunded-quantities', () =>
      crossTenantRepository(this.orders.db, refundRequests).findMany(
        and(eq(refundRequests.sellerOrderId, seller.id), ne(refundRequests.status, 'declined')) as SQL,
      ),
    );
    return requested.map(({ sku, quantity }) => {
      const line = bought.find((candidate) => candidate.sku === sku);
      if (!line) throw new ValidationError(`Seller order ${seller.id} has no line ${sku}`);
      const asked = earlier
        .flatMap((request) => request.lines)
        .filter((candidate) => candidate.sku === sku)
        .reduce((sum, candidate) => sum + candidate.quantity, 0);
      if (quantity > line.quantity - asked) {
        throw new ValidationError(
          `Only ${line.quantity - asked} of ${sku} can still be returned (bought ${line.quantity})`,
        );
      }
      return { sku, quantity, unitPrice: line.unitPrice };
    });
  }

  private async ofTenant(id: string): Promise<RefundRequestRow> {
    const row = await tenantRepository(this.orders.db, refundRequests).findOne(eq(refundRequests.id, id));
    if (!row) throw new NotFoundError(`No refund request ${id}`);
    return row;
  }

  private async update(
    id: string,
    from: RefundRequestStatus,
    changes: Partial<Omit<RefundRequestRow, 'id' | 'tenantId'>>,
    db: MySqlDb = this.orders.db,
  ): Promise<void> {
    const changed = await tenantRepository(db, refundRequests).update(
      and(eq(refundRequests.id, id), eq(refundRequests.status, from)) as SQL,
      { ...changes, updatedAt: new Date() },
    );
    if (changed === 0) throw new ConflictError(`Refund request ${id} changed meanwhile; try again`);
  }

  private byBuyerKey(buyerId: string, key: string): Promise<RefundRequestRow | undefined> {
    return acrossTenants('orders.refund-request-by-key', () =>
      crossTenantRepository(this.orders.db, refundRequests).findMany(
        and(eq(refundRequests.buyerId, buyerId), eq(refundRequests.idempotencyKey, key)) as SQL,
      ),
    ).then((rows) => rows[0]);
  }
}

function sameRequest(row: RefundRequestRow, command: RefundRequestCommand): RefundRequestRow {
  const same =
    row.sellerOrderId === command.sellerOrderId &&
    JSON.stringify(row.lines.map(({ sku, quantity }) => ({ sku, quantity }))) ===
      JSON.stringify(command.lines.map(({ sku, quantity }) => ({ sku, quantity })));
  if (!same) throw new ConflictError('The idempotency key was already used for another refund request');
  return row;
}
