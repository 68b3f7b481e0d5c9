import { recordAudit } from '@marketplace/audit';
import { Inject, Injectable } from '@nestjs/common';
import { OrderCancelled, OrderPaid, OrderPlaced } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
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
import { isOutageError } from '@marketplace/resilience';
import { isMySqlDuplicateKey } from '@marketplace/service-kit';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { ulid } from 'ulid';
import { CommissionRates } from '../commissions/commission-rates.repository';
import type { OrdersConfig } from '../config';
import { ORDERS_CONFIG } from '../config.token';
import {
  InventoryClient,
  OutOfStockError,
  type ReservationLine,
  ReservationReleasedError,
} from '../downstream/inventory.client';
import { PaymentsClient } from '../downstream/payments.client';
import {
  buyerOrders,
  type BuyerOrderRow,
  orderLines,
  type SagaState,
  sellerOrders,
  type SellerOrderRow,
  type SellerOrderStatus,
} from '../orders/order.schema';
import { OrderRepository } from '../orders/order.repository';
import type { CheckoutCommand } from './checkout.inputs';

const SAGA_ACTOR = 'checkout-saga';
const LATE_PAYMENT_REFUNDED = 'The payment arrived after the checkout was cancelled; it was refunded in full';
const STOCK_GONE_REFUNDED =
  'The payment arrived after the reservation expired and the items are no longer in stock; it was refunded in full';
/** Reservations outlive the checkout deadline so that the saga, not expiry, decides their fate. */
const RESERVATION_MARGIN_SECONDS = 300;
/**
 * A checkout step untouched this long was left by its request (every downstream call gives up within seconds): an
 * outage or a crash interrupted it, and the sweeper takes it over instead of leaving it to its deadline.
 */
const INTERRUPTED_AFTER_MS = 30_000;
const INTERRUPTED_BEFORE_RESERVED = 'Checkout interrupted before stock was reserved';

type PlannedLine = CheckoutCommand['lines'][number] & { commissionBps: number; commission: number };

interface SellerPlan {
  sellerOrderId: string;
  tenantId: string;
  subtotal: number;
  /** Effective rate (commission over subtotal), for display. */
  commissionBps: number;
  commission: number;
  lines: PlannedLine[];
}

/**
 * The checkout saga: reserve stock (all lines or none) → write the order → create and confirm the payment →
 * on success confirm the reservation, mark everything paid and settle each seller's share; on decline or
 * timeout cancel and release. Every step is idempotent and the saga state is persisted on the buyer order,
 * so the sweeper (and payment events) resume or compensate an interrupted checkout.
 */
@Injectable()
export class CheckoutSaga {
  constructor(
    private readonly orders: OrderRepository,
    private readonly commissions: CommissionRates,
    private readonly inventory: InventoryClient,
    private readonly payments: PaymentsClient,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Places the checkout of the request context's buyer. */
  async checkout(command: CheckoutCommand): Promise<BuyerOrderRow> {
    const existing = await this.orders.findByKey(command.idempotencyKey);
    if (existing) return this.carryOn(existing);

    const buyerOrderId = ulid();
    const plans = await this.planSellerOrders(command.lines);
    try {
      // Claims the key first, so that concurrent requests with the same key find this order instead of
      // reserving stock themselves.
      await this.place(buyerOrderId, command, plans);
    } catch (error) {
      if (!isMySqlDuplicateKey(error)) throw error;
      return (await this.orders.findByKey(command.idempotencyKey))!;
    }

    try {
      await this.inventory.reserve(
        buyerOrderId,
        command.lines.map(({ tenantId, sku, quantity }) => ({ tenantId, sku, quantity })),
        this.config.CHECKOUT_TIMEOUT_SECONDS + RESERVATION_MARGIN_SECONDS,
      );
    } catch (error) {
      if (error instanceof ValidationError) {
        // Bad lines (unknown sku): the checkout never happened.
        await this.discard(buyerOrderId);
        throw error;
      }
      if (!(error instanceof OutOfStockError)) {
        // Inventory (or its database) unreachable or failing: whether it holds the stock is unknown, and the buyer
        // did nothing wrong. The checkout stays open (`reserving`): the buyer's retry with the key, or the sweeper
        // once the step is interrupted, reserves again (same id: taken once) and carries on (ADR 0052). Cancelling
        // it here answered every retry with a refusal, and a reservation inventory recorded after the release
        // held its stock.
        this.logger.warn(
          { err: error, buyerOrderId },
          'stock could not be reserved yet; the checkout stays open',
        );
        throw error;
      }
      // Out of stock: the order is recorded as cancelled with the reason, and this call answers from that record
      // (a refusal, see CheckoutResolver), exactly as every later call with the key does.
      try {
        await this.cancel(buyerOrderId, error.message);
      } catch (cancelling) {
        // Not recorded yet: the sweeper cancels it; until then this call has no settled answer to give.
        this.logger.warn({ err: cancelling, buyerOrderId }, 'cancelling failed; the saga sweeper resumes it');
        throw cancelling;
      }
      return this.load(buyerOrderId);
    }
    await this.markReserved(buyerOrderId);
    await this.requestPayment(buyerOrderId);
    return this.load(buyerOrderId);
  }

  /**
   * A repeated call with a checkout's key: one an outage cut before its stock was recorded (still `reserving`) is
   * carried on now — reserved (again; the reservation id is the order id), placed and paid — so the buyer's retry
   * completes it, or it is cancelled when past its deadline (as the sweeper does); any other is answered as it
   * stands. An outage again fails this call and leaves it open.
   */
  async carryOn(order: BuyerOrderRow, now = new Date()): Promise<BuyerOrderRow> {
    if (order.sagaState !== 'reserving') return order;
    if (order.sagaDeadline <= now) await this.cancel(order.id, INTERRUPTED_BEFORE_RESERVED);
    else await this.resumeReservation(order.id);
    return this.load(order.id);
  }

  /** Stock is held: the order is placed (order.placed) and waits for its payment. */
  private async markReserved(buyerOrderId: string): Promise<void> {
    await this.orders.db.transaction(async (tx) => {
      const order = await this.orders.lockBuyerOrder(tx, buyerOrderId);
      if (!order || order.sagaState !== 'reserving') return;
      await this.orders.updateBuyerOrder(tx, buyerOrderId, {
        sagaState: 'awaiting_payment',
        updatedAt: new Date(),
      });
      const sellers = await this.orders.sellerOrdersOf(buyerOrderId, tx);
      await enqueue(
        tx,
        OrderPlaced.create(
          {
            buyerOrderId,
            buyerId: order.buyerId,
            total: order.total,
            currency: order.currency,
            sellerOrders: await summaries(tx, sellers),
            placedAt: order.createdAt.toISOString(),
          },
          { tenantId: null },
        ),
        { key: buyerOrderId },
      );
    });
  }

  /** Removes an order whose lines turned out invalid before anything was reserved or published. */
  private async discard(buyerOrderId: string): Promise<void> {
    await this.orders.db.transaction(async (tx) => {
      const sellers = await this.orders.sellerOrdersOf(buyerOrderId, tx);
      const sellerOrderIds = sellers.map((seller) => seller.id);
      await acrossTenants('checkout.discard-invalid-order', async () => {
        await crossTenantRepository(tx, orderLines).delete(inArray(orderLines.sellerOrderId, sellerOrderIds));
        await crossTenantRepository(tx, sellerOrders).delete(inArray(sellerOrders.id, sellerOrderIds));
      });
      await this.orders.discardBuyerOrder(tx, buyerOrderId, [buyerOrderId, ...sellerOrderIds]);
    });
  }

  /** Creates the payment (idempotent per buyer order) and, when configured, confirms it and acts on the answer. */
  async requestPayment(buyerOrderId: string): Promise<void> {
    const order = await this.load(buyerOrderId);
    if (order.sagaState !== 'awaiting_payment') return;
    try {
      await this.payments.create(order.id, order.total, order.currency);
      if (!this.config.CONFIRM_PAYMENT_ON_CHECKOUT) return;
      const payment = await this.payments.confirm(order.id);
      await this.onPaymentOutcome(order.id, payment.status, payment.failureReason ?? null);
    } catch (error) {
      // The order stays awaiting_payment: the sweeper retries until the checkout deadline, then compensates.
      this.logger.warn(
        { err: error, buyerOrderId },
        'checkout payment step failed; the saga sweeper resumes it',
      );
    }
  }

  async onPaymentOutcome(buyerOrderId: string, status: string, failureReason: string | null): Promise<void> {
    if (status === 'succeeded') await this.paymentSucceeded(buyerOrderId);
    else if (status === 'failed') {
      await this.cancel(buyerOrderId, `Payment failed: ${failureReason ?? 'declined'}`);
    }
  }

  /** The payment succeeded: mark paid (once), then confirm the reservation and settle the sellers. */
  async paymentSucceeded(buyerOrderId: string): Promise<void> {
    const order = await this.load(buyerOrderId);
    if (order.sagaState === 'compensating' || order.sagaState === 'compensated') {
      // Paid after the checkout was already cancelled (late provider confirmation): give the money back, and
      // say so on the order the buyer sees.
      await this.payments.refund(order.id, order.total);
      this.logger.warn({ buyerOrderId }, 'payment succeeded for a cancelled checkout; refunded');
      if (order.status !== 'refunded') {
        await this.moveSaga(
          buyerOrderId,
          [order.sagaState],
          order.sagaState,
          'refunded',
          LATE_PAYMENT_REFUNDED,
          async () => undefined,
        );
      }
      return;
    }
    await this.moveSaga(buyerOrderId, ['awaiting_payment'], 'settling', 'paid', null, async (tx, sellers) => {
      await enqueue(
        tx,
        OrderPaid.create(
          {
            buyerOrderId,
            buyerId: order.buyerId,
            total: order.total,
            currency: order.currency,
            sellerOrders: await summaries(tx, sellers),
            paidAt: new Date().toISOString(),
          },
          { tenantId: null },
        ),
        { key: buyerOrderId },
      );
    });
    await this.settle(buyerOrderId);
  }

  /** Cancels a checkout still waiting for payment and releases its stock. */
  async cancel(buyerOrderId: string, reason: string): Promise<void> {
    const order = await this.load(buyerOrderId);
    await this.moveSaga(
      buyerOrderId,
      ['reserving', 'awaiting_payment'],
      'compensating',
      'cancelled',
      reason,
      (tx) =>
        enqueue(
          tx,
          OrderCancelled.create(
            { buyerOrderId, buyerId: order.buyerId, reason, cancelledAt: new Date().toISOString() },
            { tenantId: null },
          ),
          { key: buyerOrderId },
        ),
    );
    await this.release(buyerOrderId);
  }

  /** Resumes one unfinished checkout (sweeper): finish settlement or compensation, or ask payments where it stands. */
  async resume(order: BuyerOrderRow, now: Date): Promise<void> {
    if (order.sagaState === 'settling') return this.settle(order.id);
    if (order.sagaState === 'compensating') return this.release(order.id);
    if (order.sagaState === 'refunding') return this.finishRefund(order.id);
    const interrupted = now.getTime() - order.updatedAt.getTime() >= INTERRUPTED_AFTER_MS;
    // Left by a crash or an outage between claiming the key and recording the reservation (e.g. inventory reserved
    // but the database failed before the order moved on): it goes on, or is cancelled past its deadline.
    if (order.sagaState === 'reserving') {
      if (order.sagaDeadline <= now) await this.cancel(order.id, INTERRUPTED_BEFORE_RESERVED);
      else if (interrupted) await this.resumeReservation(order.id);
      return;
    }
    if (order.sagaState !== 'awaiting_payment') return;
    const payment = await this.payments.find(order.id);
    if (payment?.status === 'succeeded' || payment?.status === 'failed') {
      return this.onPaymentOutcome(order.id, payment.status, payment.failureReason ?? null);
    }
    if (order.sagaDeadline <= now) return this.cancel(order.id, 'Checkout timed out before payment');
    // Without a payment it is created; a server-confirmed one (the built-in provider) whose confirmation was
    // interrupted is confirmed again (idempotent at payments). Otherwise the buyer's browser confirms it.
    if (!payment || (this.config.CONFIRM_PAYMENT_ON_CHECKOUT && interrupted))
      return this.requestPayment(order.id);
  }

  /**
   * Reserves the stock of an interrupted checkout and carries on to its payment. The reservation id is the order
   * id, so stock an earlier call took (its answer lost) is not taken twice.
   */
  private async resumeReservation(buyerOrderId: string): Promise<void> {
    try {
      await this.inventory.reserve(
        buyerOrderId,
        await this.reservationLines(buyerOrderId),
        this.config.CHECKOUT_TIMEOUT_SECONDS + RESERVATION_MARGIN_SECONDS,
      );
    } catch (error) {
      if (!(error instanceof OutOfStockError) && !(error instanceof ValidationError)) throw error;
      await this.cancel(buyerOrderId, error.message);
      return;
    }
    await this.markReserved(buyerOrderId);
    await this.requestPayment(buyerOrderId);
  }

  /**
   * A step of this saga failed in the sweeper: back off exponentially (so it never starves other checkouts), and
   * after `SAGA_MAX_ATTEMPTS` failures in a row park it in needs_attention, visible to admins and alerted on.
   * Returns true when it was parked.
   */
  async recordSweepFailure(order: BuyerOrderRow, error: unknown, now: Date): Promise<boolean> {
    // A store or service being down is not this checkout's fault: it waits (the base delay) without using up its
    // attempts, so an outage longer than the attempt budget does not park healthy checkouts.
    const attempts = order.sweepAttempts + (isOutageError(error) ? 0 : 1);
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const parked = attempts >= this.config.SAGA_MAX_ATTEMPTS;
    const delay = Math.min(
      this.config.SAGA_RETRY_BASE_MS * 2 ** Math.max(attempts - 1, 0),
      this.config.SAGA_RETRY_MAX_MS,
    );
    await this.orders.updateBuyerOrder(
      this.orders.db,
      order.id,
      {
        sweepAttempts: attempts,
        lastError,
        updatedAt: now,
        ...(parked
          ? { sagaState: 'needs_attention' as const, stalledState: order.sagaState, nextSweepAt: null }
          : { nextSweepAt: new Date(now.getTime() + delay) }),
      },
      eq(buyerOrders.sagaState, order.sagaState),
    );
    if (parked) {
      this.logger.error(
        { buyerOrderId: order.id, stalledState: order.sagaState, attempts, err: lastError },
        'checkout saga needs attention',
      );
    }
    return parked;
  }

  /** Admin: resumes a saga parked in needs_attention from the state it stalled in, with a fresh attempt budget. */
  async retryStalled(
    buyerOrderId: string,
    now = new Date(),
    audit?: { reason: string },
  ): Promise<BuyerOrderRow> {
    const order = await this.load(buyerOrderId);
    if (order.sagaState !== 'needs_attention' || !order.stalledState) {
      throw new ConflictError(`Checkout ${buyerOrderId} is ${order.sagaState}, not waiting for attention`);
    }
    const stalledState = order.stalledState;
    // The admin's retry and its audit record are one transaction (ADR 0020).
    await this.orders.db.transaction(async (tx: MySqlDb) => {
      const changed = await this.orders.updateBuyerOrder(
        tx,
        buyerOrderId,
        {
          sagaState: stalledState,
          stalledState: null,
          sweepAttempts: 0,
          nextSweepAt: null,
          updatedAt: now,
        },
        eq(buyerOrders.sagaState, 'needs_attention'),
      );
      if (audit && changed > 0)
        await recordAudit(tx, {
          service: 'orders',
          action: 'checkout.retry',
          tenantId: null,
          targetType: 'buyer-order',
          targetId: buyerOrderId,
          before: { sagaState: 'needs_attention', stalledState, sweepAttempts: order.sweepAttempts },
          after: { sagaState: stalledState, sweepAttempts: 0 },
          reason: audit.reason,
        });
    });
    const resumed = await this.load(buyerOrderId);
    try {
      await this.resume(resumed, now);
    } catch (error) {
      await this.recordSweepFailure(resumed, error, now);
    }
    return this.load(buyerOrderId);
  }

  private async settle(buyerOrderId: string): Promise<void> {
    const order = await this.load(buyerOrderId);
    if (order.sagaState !== 'settling') return;
    if (!(await this.confirmStock(order))) return;
    const sellers = await this.orders.sellerOrdersOf(buyerOrderId);
    await this.payments.settle(
      buyerOrderId,
      sellers.map((seller) => ({
        sellerOrderId: seller.id,
        tenantId: seller.tenantId,
        subtotal: seller.subtotal,
        commissionBps: seller.commissionBps,
        commission: seller.commission,
      })),
    );
    await this.setSagaState(buyerOrderId, 'settling', 'completed');
  }

  /**
   * Confirms the reserved stock. A payment that arrived after the reservation expired takes the stock again under
   * a new reservation id (recorded first, so a crash never reserves twice); when the stock is gone the payment is
   * refunded in full instead (false).
   */
  private async confirmStock(order: BuyerOrderRow): Promise<boolean> {
    let reservationId = order.reservationId ?? order.id;
    for (;;) {
      try {
        await this.inventory.confirm(reservationId);
        return true;
      } catch (error) {
        if (!(error instanceof ReservationReleasedError)) throw error;
      }
      const next = nextReservationId(order.id, reservationId);
      const claimed = await this.orders.updateBuyerOrder(
        this.orders.db,
        order.id,
        { reservationId: next, updatedAt: new Date() },
        and(
          eq(buyerOrders.sagaState, 'settling'),
          reservationId === order.id
            ? isNull(buyerOrders.reservationId)
            : eq(buyerOrders.reservationId, reservationId),
        ),
      );
      if (claimed === 0) return false;
      this.logger.warn(
        { buyerOrderId: order.id, reservationId: next },
        'reservation expired before payment; reserving again',
      );
      try {
        await this.inventory.reserve(
          next,
          await this.reservationLines(order.id),
          this.config.CHECKOUT_TIMEOUT_SECONDS + RESERVATION_MARGIN_SECONDS,
        );
      } catch (error) {
        if (!(error instanceof OutOfStockError) && !(error instanceof ValidationError)) throw error;
        await this.refundUnfulfillable(order.id, `${STOCK_GONE_REFUNDED} (${error.message})`);
        return false;
      }
      reservationId = next;
    }
  }

  /** Paid, but the stock cannot be had any more: every order becomes refunded and the payment goes back. */
  private async refundUnfulfillable(buyerOrderId: string, reason: string): Promise<void> {
    const order = await this.load(buyerOrderId);
    await this.moveSaga(buyerOrderId, ['settling'], 'refunding', 'refunded', reason, (tx) =>
      enqueue(
        tx,
        OrderCancelled.create(
          { buyerOrderId, buyerId: order.buyerId, reason, cancelledAt: new Date().toISOString() },
          { tenantId: null },
        ),
        { key: buyerOrderId },
      ),
    );
    await this.finishRefund(buyerOrderId);
  }

  private async finishRefund(buyerOrderId: string): Promise<void> {
    const order = await this.load(buyerOrderId);
    if (order.sagaState !== 'refunding') return;
    await this.payments.refund(order.id, order.total);
    await this.setSagaState(buyerOrderId, 'refunding', 'refunded');
  }

  private async reservationLines(buyerOrderId: string): Promise<ReservationLine[]> {
    const sellers = await this.orders.sellerOrdersOf(buyerOrderId);
    const lines = await this.orders.linesAcrossTenants(sellers.map((seller) => seller.id));
    return lines.map(({ tenantId, sku, quantity }) => ({ tenantId, sku, quantity }));
  }

  private async release(buyerOrderId: string): Promise<void> {
    // Only a cancelled checkout gives its stock back; a paid one's reservation is confirmed instead.
    if ((await this.load(buyerOrderId)).sagaState !== 'compensating') return;
    await this.inventory.release(buyerOrderId);
    await this.setSagaState(buyerOrderId, 'compensating', 'compensated');
  }

  private async setSagaState(buyerOrderId: string, from: SagaState, to: SagaState): Promise<void> {
    await this.orders.updateBuyerOrder(
      this.orders.db,
      buyerOrderId,
      { sagaState: to, updatedAt: new Date() },
      eq(buyerOrders.sagaState, from),
    );
  }

  /**
   * Moves the saga (and the buyer order with every seller order to `status`) if it is still in `from`; the
   * row lock makes concurrent deliveries (synchronous answer, event, sweeper) apply the step once.
   */
  private async moveSaga(
    buyerOrderId: string,
    from: SagaState[],
    to: SagaState,
    status: SellerOrderStatus,
    reason: string | null,
    alsoInTransaction: (tx: MySqlDb, sellers: SellerOrderRow[]) => Promise<void>,
  ): Promise<void> {
    await this.orders.db.transaction(async (tx) => {
      const locked = await this.orders.lockBuyerOrder(tx, buyerOrderId);
      if (!locked || !from.includes(locked.sagaState)) return;
      const now = new Date();
      await this.orders.updateBuyerOrder(tx, buyerOrderId, {
        sagaState: to,
        status,
        updatedAt: now,
        ...(reason ? { failureReason: reason.slice(0, 1000) } : {}),
      });
      const sellers = await this.orders.sellerOrdersOf(buyerOrderId, tx);
      await acrossTenants('checkout.move-seller-orders', () =>
        crossTenantRepository(tx, sellerOrders).update(
          inArray(
            sellerOrders.id,
            sellers.map((seller) => seller.id),
          ),
          { status, updatedAt: now },
        ),
      );
      await this.orders.recordHistory(
        tx,
        [
          { orderId: buyerOrderId, from: locked.status, to: status, actor: SAGA_ACTOR, reason },
          ...sellers.map((seller) => ({
            orderId: seller.id,
            from: seller.status,
            to: status,
            actor: SAGA_ACTOR,
            reason,
          })),
        ],
        now,
      );
      await alsoInTransaction(tx, sellers);
    });
  }

  /** One seller order per tenant; each line's commission rate is decided now and frozen (ADR 0019). */
  private async planSellerOrders(lines: CheckoutCommand['lines']): Promise<SellerPlan[]> {
    const commissions = await this.commissions.forLines(lines);
    const byTenant = new Map<string, PlannedLine[]>();
    lines.forEach((line, i) => {
      const planned = { ...line, commissionBps: commissions[i]!.bps, commission: commissions[i]!.commission };
      byTenant.set(line.tenantId, [...(byTenant.get(line.tenantId) ?? []), planned]);
    });
    return [...byTenant].map(([tenantId, tenantLines]) => {
      const subtotal = tenantLines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
      const commission = tenantLines.reduce((sum, line) => sum + line.commission, 0);
      const commissionBps =
        subtotal === 0 ? (tenantLines[0]?.commissionBps ?? 0) : Math.round((commission * 10_000) / subtotal);
      return { sellerOrderId: ulid(), tenantId, subtotal, commissionBps, commission, lines: tenantLines };
    });
  }

  /** Writes the buyer order (saga state `reserving`), its seller orders, lines and history in one transaction. */
  private async place(buyerOrderId: string, command: CheckoutCommand, plans: SellerPlan[]): Promise<void> {
    const now = new Date();
    const status: SellerOrderStatus = 'pending_payment';
    const currency = command.lines[0]!.currency;
    const total = plans.reduce((sum, plan) => sum + plan.subtotal, 0);
    await this.orders.db.transaction(async (tx) => {
      await this.orders.placeBuyerOrder(tx, {
        id: buyerOrderId,
        status,
        currency,
        total,
        idempotencyKey: command.idempotencyKey,
        shippingAddress: command.shippingAddress,
        sagaState: 'reserving',
        sagaDeadline: new Date(now.getTime() + this.config.CHECKOUT_TIMEOUT_SECONDS * 1000),
        failureReason: null,
        createdAt: now,
        updatedAt: now,
      });
      for (const plan of plans) {
        await withinTenant(plan.tenantId, async () => {
          await tenantRepository(tx, sellerOrders).insert({
            id: plan.sellerOrderId,
            buyerOrderId,
            status,
            currency,
            subtotal: plan.subtotal,
            commissionBps: plan.commissionBps,
            commission: plan.commission,
            createdAt: now,
            updatedAt: now,
          });
          await tenantRepository(tx, orderLines).insert(
            plan.lines.map((line) => ({
              id: ulid(),
              sellerOrderId: plan.sellerOrderId,
              productId: line.productId,
              sku: line.sku,
              title: line.title,
              categoryId: line.categoryId ?? null,
              quantity: line.quantity,
              unitPrice: line.unitPrice,
              currency: line.currency,
              commissionBps: line.commissionBps,
              commission: line.commission,
            })),
          );
        });
      }
      await this.orders.recordHistory(
        tx,
        [buyerOrderId, ...plans.map((plan) => plan.sellerOrderId)].map((orderId) => ({
          orderId,
          from: null,
          to: status,
          actor: SAGA_ACTOR,
          reason: null,
        })),
        now,
      );
    });
  }

  /** False for payments of buyer orders this database does not hold (another environment's checkout). */
  async knows(buyerOrderId: string): Promise<boolean> {
    return (await this.orders.find(buyerOrderId)) !== undefined;
  }

  private async load(buyerOrderId: string): Promise<BuyerOrderRow> {
    const order = await this.orders.find(buyerOrderId);
    if (!order) throw new NotFoundError(`No buyer order ${buyerOrderId}`);
    return order;
  }
}

/** `<buyer order>-r<n>`: the n-th reservation taken again after the previous one expired. */
function nextReservationId(buyerOrderId: string, current: string): string {
  const n = current === buyerOrderId ? 0 : Number(current.slice(buyerOrderId.length + 2));
  return `${buyerOrderId}-r${n + 1}`;
}

/** The seller orders with their lines, as order events carry them. */
async function summaries(tx: MySqlDb, sellers: SellerOrderRow[]) {
  const lines = await acrossTenants('checkout.order-event-lines', () =>
    crossTenantRepository(tx, orderLines).findMany(
      inArray(
        orderLines.sellerOrderId,
        sellers.map((seller) => seller.id),
      ),
    ),
  );
  return sellers.map((seller) => ({
    sellerOrderId: seller.id,
    tenantId: seller.tenantId,
    subtotal: seller.subtotal,
    lines: lines
      .filter((line) => line.sellerOrderId === seller.id)
      .map(({ productId, sku, quantity, unitPrice }) => ({ productId, sku, quantity, unitPrice })),
  }));
}
