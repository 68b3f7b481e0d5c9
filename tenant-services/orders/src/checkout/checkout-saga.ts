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
  requireBuyerId,
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
  type OrderLineRow,
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

/** Saga states in which only the saga changes the order and its seller orders (no seller acts on an unpaid order). */
const UNPAID_SAGA_STATES: readonly SagaState[] = ['reserving', 'awaiting_payment'];

type PlannedLine = CheckoutCommand['lines'][number] & { commissionBps: number; commission: number };

/**
 * A buyer order as one call of the saga carries it from step to step (ADR 0060), so that no step reads back what an
 * earlier step of the same call wrote: the row as the last step left it, and its seller orders and lines when this
 * call wrote or read them (ordered by id, as the reads return them). A step whose conditional write finds the row
 * moved on by someone else (the sweeper, a payment event) reads it again.
 */
export interface CheckoutState {
  order: BuyerOrderRow;
  sellers?: SellerOrderRow[];
  lines?: OrderLineRow[];
}

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

  /**
   * Places the checkout of the request context's buyer. The caller answered a key it found already; a key placed
   * since (a concurrent request with it) is answered here from its order.
   */
  async checkout(command: CheckoutCommand): Promise<CheckoutState> {
    const buyerOrderId = ulid();
    const plans = await this.planSellerOrders(command.lines);
    let state: CheckoutState;
    try {
      // Claims the key first, so that concurrent requests with the same key find this order instead of
      // reserving stock themselves.
      state = await this.place(buyerOrderId, command, plans);
    } catch (error) {
      if (!isMySqlDuplicateKey(error)) throw error;
      return { order: (await this.orders.findByKey(command.idempotencyKey))! };
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
        await this.discard(state);
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
        return await this.cancelCheckout(state, error.message);
      } catch (cancelling) {
        // Not recorded yet: the sweeper cancels it; until then this call has no settled answer to give.
        this.logger.warn({ err: cancelling, buyerOrderId }, 'cancelling failed; the saga sweeper resumes it');
        throw cancelling;
      }
    }
    return this.requestPayment(await this.markReserved(state));
  }

  /**
   * A repeated call with a checkout's key: one an outage cut before its stock was recorded (still `reserving`) is
   * carried on now — reserved (again; the reservation id is the order id), placed and paid — so the buyer's retry
   * completes it, or it is cancelled when past its deadline (as the sweeper does); any other is answered as it
   * stands. An outage again fails this call and leaves it open.
   */
  async carryOn(order: BuyerOrderRow, now = new Date()): Promise<CheckoutState> {
    if (order.sagaState !== 'reserving') return { order };
    if (order.sagaDeadline <= now) return this.cancelCheckout({ order }, INTERRUPTED_BEFORE_RESERVED);
    return this.resumeReservation({ order });
  }

  /**
   * Stock is held: the order is placed (order.placed) and waits for its payment. The conditional update takes the
   * step once, whoever else (sweeper, a retry with the key) tries it at the same time.
   */
  private async markReserved(state: CheckoutState): Promise<CheckoutState> {
    const { order } = state;
    const updatedAt = new Date();
    const moved = await this.orders.db.transaction(async (tx) => {
      const changed = await this.orders.updateBuyerOrder(
        tx,
        order.id,
        { sagaState: 'awaiting_payment', updatedAt },
        eq(buyerOrders.sagaState, 'reserving'),
      );
      if (changed === 0) return false;
      const sellers = state.sellers ?? (await this.orders.sellerOrdersOf(order.id, tx));
      await enqueue(
        tx,
        OrderPlaced.create(
          {
            buyerOrderId: order.id,
            buyerId: order.buyerId,
            total: order.total,
            currency: order.currency,
            sellerOrders: await summaries(tx, sellers, state.lines),
            placedAt: order.createdAt.toISOString(),
          },
          { tenantId: null },
        ),
        { key: order.id },
      );
      return true;
    });
    if (!moved) return { order: await this.load(order.id) };
    return { ...state, order: { ...order, sagaState: 'awaiting_payment', updatedAt } };
  }

  /** Removes an order whose lines turned out invalid before anything was reserved or published. */
  private async discard({ order, sellers: known }: CheckoutState): Promise<void> {
    const buyerOrderId = order.id;
    await this.orders.db.transaction(async (tx) => {
      const sellers = known ?? (await this.orders.sellerOrdersOf(buyerOrderId, tx));
      const sellerOrderIds = sellers.map((seller) => seller.id);
      await acrossTenants('checkout.discard-invalid-order', async () => {
        await crossTenantRepository(tx, orderLines).delete(inArray(orderLines.sellerOrderId, sellerOrderIds));
        await crossTenantRepository(tx, sellerOrders).delete(inArray(sellerOrders.id, sellerOrderIds));
      });
      await this.orders.discardBuyerOrder(tx, buyerOrderId, [buyerOrderId, ...sellerOrderIds]);
    });
  }

  /**
   * Creates the payment (idempotent per buyer order) and, when configured, confirms it in the same call to
   * payments and acts on the answer.
   */
  private async requestPayment(state: CheckoutState): Promise<CheckoutState> {
    const { order } = state;
    if (order.sagaState !== 'awaiting_payment') return state;
    try {
      const confirm = this.config.CONFIRM_PAYMENT_ON_CHECKOUT;
      const payment = await this.payments.create(order.id, order.total, order.currency, { confirm });
      if (!confirm) return state;
      return await this.onPaymentOutcome(state, payment.status, payment.failureReason ?? null);
    } catch (error) {
      // The order stays awaiting_payment (or wherever the failed step left it): the sweeper retries until the
      // checkout deadline, then compensates.
      this.logger.warn(
        { err: error, buyerOrderId: order.id },
        'checkout payment step failed; the saga sweeper resumes it',
      );
      return { order: await this.load(order.id) };
    }
  }

  private async onPaymentOutcome(
    state: CheckoutState,
    status: string,
    failureReason: string | null,
  ): Promise<CheckoutState> {
    if (status === 'succeeded') return this.succeeded(state);
    if (status === 'failed')
      return this.cancelCheckout(state, `Payment failed: ${failureReason ?? 'declined'}`);
    return state;
  }

  /** The payment of this order succeeded (a payment event): see `succeeded`. */
  async paymentSucceeded(order: BuyerOrderRow): Promise<void> {
    await this.succeeded({ order });
  }

  /**
   * The payment succeeded: mark paid (once), then confirm the reservation and settle the sellers. An order already
   * past that step changes nothing: the call that took it settles (a payment event used to settle again a checkout
   * its synchronous answer was still settling), and the sweeper finishes what a crash left in `settling`.
   */
  private async succeeded(state: CheckoutState): Promise<CheckoutState> {
    const { order } = state;
    const buyerOrderId = order.id;
    if (order.sagaState === 'compensating' || order.sagaState === 'compensated') {
      // Paid after the checkout was already cancelled (late provider confirmation): give the money back, and
      // say so on the order the buyer sees.
      await this.payments.refund(order.id, order.total);
      this.logger.warn({ buyerOrderId }, 'payment succeeded for a cancelled checkout; refunded');
      if (order.status !== 'refunded') {
        await this.moveSaga(
          state,
          [order.sagaState],
          order.sagaState,
          'refunded',
          LATE_PAYMENT_REFUNDED,
          async () => undefined,
        );
      }
      return { order: await this.load(buyerOrderId) };
    }
    if (order.sagaState !== 'awaiting_payment') return state;
    const paid = await this.moveSaga(
      state,
      ['awaiting_payment'],
      'settling',
      'paid',
      null,
      async (tx, sellers) => {
        await enqueue(
          tx,
          OrderPaid.create(
            {
              buyerOrderId,
              buyerId: order.buyerId,
              total: order.total,
              currency: order.currency,
              sellerOrders: await summaries(tx, sellers, state.lines),
              paidAt: new Date().toISOString(),
            },
            { tenantId: null },
          ),
          { key: buyerOrderId },
        );
      },
    );
    // Not moved here: someone else took the step meanwhile, and settles.
    return paid ? this.settle(paid) : { order: await this.load(buyerOrderId) };
  }

  /** Cancels a checkout still waiting for payment and releases its stock. */
  async cancel(order: BuyerOrderRow, reason: string): Promise<void> {
    await this.cancelCheckout({ order }, reason);
  }

  private async cancelCheckout(state: CheckoutState, reason: string): Promise<CheckoutState> {
    const { order } = state;
    const cancelled = await this.moveSaga(
      state,
      ['reserving', 'awaiting_payment'],
      'compensating',
      'cancelled',
      reason,
      (tx) =>
        enqueue(
          tx,
          OrderCancelled.create(
            { buyerOrderId: order.id, buyerId: order.buyerId, reason, cancelledAt: new Date().toISOString() },
            { tenantId: null },
          ),
          { key: order.id },
        ),
    );
    return this.release(cancelled ?? { order: await this.load(order.id) });
  }

  /** Resumes one unfinished checkout (sweeper): finish settlement or compensation, or ask payments where it stands. */
  async resume(order: BuyerOrderRow, now: Date): Promise<void> {
    await this.resumeStep({ order }, now);
  }

  private async resumeStep(state: CheckoutState, now: Date): Promise<CheckoutState | undefined> {
    const { order } = state;
    if (order.sagaState === 'settling') return this.settle(state);
    if (order.sagaState === 'compensating') return this.release(state);
    if (order.sagaState === 'refunding') return this.finishRefund(state);
    const interrupted = now.getTime() - order.updatedAt.getTime() >= INTERRUPTED_AFTER_MS;
    // Left by a crash or an outage between claiming the key and recording the reservation (e.g. inventory reserved
    // but the database failed before the order moved on): it goes on, or is cancelled past its deadline.
    if (order.sagaState === 'reserving') {
      if (order.sagaDeadline <= now) return this.cancelCheckout(state, INTERRUPTED_BEFORE_RESERVED);
      if (interrupted) return this.resumeReservation(state);
      return;
    }
    if (order.sagaState !== 'awaiting_payment') return;
    const payment = await this.payments.find(order.id);
    if (payment?.status === 'succeeded' || payment?.status === 'failed') {
      return this.onPaymentOutcome(state, payment.status, payment.failureReason ?? null);
    }
    if (order.sagaDeadline <= now) return this.cancelCheckout(state, 'Checkout timed out before payment');
    // Without a payment it is created; a server-confirmed one (the built-in provider) whose confirmation was
    // interrupted is confirmed again (idempotent at payments). Otherwise the buyer's browser confirms it.
    if (!payment || (this.config.CONFIRM_PAYMENT_ON_CHECKOUT && interrupted))
      return this.requestPayment(state);
  }

  /**
   * Reserves the stock of an interrupted checkout and carries on to its payment. The reservation id is the order
   * id, so stock an earlier call took (its answer lost) is not taken twice.
   */
  private async resumeReservation(state: CheckoutState): Promise<CheckoutState> {
    try {
      await this.inventory.reserve(
        state.order.id,
        await this.reservationLines(state.order.id),
        this.config.CHECKOUT_TIMEOUT_SECONDS + RESERVATION_MARGIN_SECONDS,
      );
    } catch (error) {
      if (!(error instanceof OutOfStockError) && !(error instanceof ValidationError)) throw error;
      return this.cancelCheckout(state, error.message);
    }
    return this.requestPayment(await this.markReserved(state));
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

  private async settle(state: CheckoutState): Promise<CheckoutState> {
    const { order } = state;
    const buyerOrderId = order.id;
    if (order.sagaState !== 'settling') return state;
    if (!(await this.confirmStock(order))) return { order: await this.load(buyerOrderId) };
    // Shares and commissions are frozen when the order is placed, so carried seller orders serve as well as read ones.
    const sellers = state.sellers ?? (await this.orders.sellerOrdersOf(buyerOrderId));
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
    return this.setSagaState(state, 'settling', 'completed');
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
    await this.moveSaga({ order }, ['settling'], 'refunding', 'refunded', reason, (tx) =>
      enqueue(
        tx,
        OrderCancelled.create(
          { buyerOrderId, buyerId: order.buyerId, reason, cancelledAt: new Date().toISOString() },
          { tenantId: null },
        ),
        { key: buyerOrderId },
      ),
    );
    await this.finishRefund({ order: await this.load(buyerOrderId) });
  }

  private async finishRefund(state: CheckoutState): Promise<CheckoutState> {
    const { order } = state;
    if (order.sagaState !== 'refunding') return state;
    await this.payments.refund(order.id, order.total);
    return this.setSagaState(state, 'refunding', 'refunded');
  }

  private async reservationLines(buyerOrderId: string): Promise<ReservationLine[]> {
    const sellers = await this.orders.sellerOrdersOf(buyerOrderId);
    const lines = await this.orders.linesAcrossTenants(sellers.map((seller) => seller.id));
    return lines.map(({ tenantId, sku, quantity }) => ({ tenantId, sku, quantity }));
  }

  private async release(state: CheckoutState): Promise<CheckoutState> {
    // Only a cancelled checkout gives its stock back; a paid one's reservation is confirmed instead.
    if (state.order.sagaState !== 'compensating') return state;
    await this.inventory.release(state.order.id);
    return this.setSagaState(state, 'compensating', 'compensated');
  }

  /** Moves the saga from `from` to `to` if it is still there; the state after (read again when it was not). */
  private async setSagaState(state: CheckoutState, from: SagaState, to: SagaState): Promise<CheckoutState> {
    const updatedAt = new Date();
    const changed = await this.orders.updateBuyerOrder(
      this.orders.db,
      state.order.id,
      { sagaState: to, updatedAt },
      eq(buyerOrders.sagaState, from),
    );
    if (changed === 0) return { order: await this.load(state.order.id) };
    return { ...state, order: { ...state.order, sagaState: to, updatedAt } };
  }

  /**
   * Moves the saga (and the buyer order with every seller order to `status`) if it is still in `from`, so that
   * concurrent deliveries (synchronous answer, event, sweeper) apply the step once; the state after, or undefined
   * when the saga was elsewhere. An unpaid order whose seller orders this call carries is taken by one conditional
   * update (nobody but the saga changes them while unpaid); otherwise the row is locked and its seller orders read.
   */
  private async moveSaga(
    state: CheckoutState,
    from: SagaState[],
    to: SagaState,
    status: SellerOrderStatus,
    reason: string | null,
    alsoInTransaction: (tx: MySqlDb, sellers: SellerOrderRow[]) => Promise<void>,
  ): Promise<CheckoutState | undefined> {
    const buyerOrderId = state.order.id;
    const now = new Date();
    const changes = {
      sagaState: to,
      status,
      updatedAt: now,
      ...(reason ? { failureReason: reason.slice(0, 1000) } : {}),
    };
    return this.orders.db.transaction(async (tx) => {
      let locked: BuyerOrderRow;
      let sellers: SellerOrderRow[];
      const carried = state.sellers;
      if (
        carried &&
        UNPAID_SAGA_STATES.includes(state.order.sagaState) &&
        from.includes(state.order.sagaState) &&
        (await this.orders.updateBuyerOrder(
          tx,
          buyerOrderId,
          changes,
          and(eq(buyerOrders.sagaState, state.order.sagaState), eq(buyerOrders.status, state.order.status)),
        )) === 1
      ) {
        locked = state.order;
        sellers = carried;
      } else {
        const current = await this.orders.lockBuyerOrder(tx, buyerOrderId);
        if (!current || !from.includes(current.sagaState)) return undefined;
        await this.orders.updateBuyerOrder(tx, buyerOrderId, changes);
        locked = current;
        sellers = await this.orders.sellerOrdersOf(buyerOrderId, tx);
      }
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
      return {
        order: { ...locked, ...changes },
        sellers: sellers.map((seller) => ({ ...seller, status, updatedAt: now })),
        ...(state.lines ? { lines: state.lines } : {}),
      };
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

  /**
   * Writes the buyer order (saga state `reserving`), its seller orders, lines and history in one transaction; the
   * rows as written, as the saga carries them on.
   */
  private async place(
    buyerOrderId: string,
    command: CheckoutCommand,
    plans: SellerPlan[],
  ): Promise<CheckoutState> {
    const now = new Date();
    const status: SellerOrderStatus = 'pending_payment';
    const currency = command.lines[0]!.currency;
    const total = plans.reduce((sum, plan) => sum + plan.subtotal, 0);
    const order: BuyerOrderRow = {
      id: buyerOrderId,
      buyerId: requireBuyerId(),
      status,
      currency,
      total,
      idempotencyKey: command.idempotencyKey,
      shippingAddress: command.shippingAddress,
      sagaState: 'reserving',
      sagaDeadline: new Date(now.getTime() + this.config.CHECKOUT_TIMEOUT_SECONDS * 1000),
      failureReason: null,
      reservationId: null,
      sweepAttempts: 0,
      nextSweepAt: null,
      lastError: null,
      stalledState: null,
      createdAt: now,
      updatedAt: now,
    };
    const sellers: SellerOrderRow[] = plans.map((plan) => ({
      tenantId: plan.tenantId,
      id: plan.sellerOrderId,
      buyerOrderId,
      status,
      currency,
      subtotal: plan.subtotal,
      commissionBps: plan.commissionBps,
      commission: plan.commission,
      disputeStatus: null,
      refundedAmount: 0,
      carrier: null,
      trackingNumber: null,
      trackingUrl: null,
      createdAt: now,
      updatedAt: now,
    }));
    const lines: OrderLineRow[] = plans.flatMap((plan) =>
      plan.lines.map((line) => ({
        tenantId: plan.tenantId,
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
    await this.orders.db.transaction(async (tx) => {
      const { buyerId: _owner, ...buyerOrder } = order;
      await this.orders.placeBuyerOrder(tx, buyerOrder);
      // Seller orders and lines are tenant rows, written by each tenant's scoped repository.
      for (const seller of sellers) {
        await withinTenant(seller.tenantId, async () => {
          await tenantRepository(tx, sellerOrders).insert(seller);
          await tenantRepository(tx, orderLines).insert(
            lines.filter((line) => line.sellerOrderId === seller.id),
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
    return { order, sellers: sellers.sort(byId), lines: lines.sort(byId) };
  }

  /** The buyer order, undefined for payments of buyer orders this database does not hold (another environment's). */
  find(buyerOrderId: string): Promise<BuyerOrderRow | undefined> {
    return this.orders.find(buyerOrderId);
  }

  /** Buyer orders by id (those this database holds). */
  findMany(buyerOrderIds: string[]): Promise<BuyerOrderRow[]> {
    return this.orders.findMany(buyerOrderIds);
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

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The seller orders with their lines (read unless the caller carries them), as order events carry them. */
async function summaries(tx: MySqlDb, sellers: SellerOrderRow[], known?: OrderLineRow[]) {
  const lines =
    known ??
    (await acrossTenants('checkout.order-event-lines', () =>
      crossTenantRepository(tx, orderLines).findMany(
        inArray(
          orderLines.sellerOrderId,
          sellers.map((seller) => seller.id),
        ),
      ),
    ));
  return sellers.map((seller) => ({
    sellerOrderId: seller.id,
    tenantId: seller.tenantId,
    subtotal: seller.subtotal,
    lines: lines
      .filter((line) => line.sellerOrderId === seller.id)
      .map(({ productId, sku, quantity, unitPrice }) => ({ productId, sku, quantity, unitPrice })),
  }));
}
