import { Inject, Injectable } from '@nestjs/common';
import { PaymentFailed, PaymentSucceeded } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import type { MySqlDb } from '@marketplace/tenancy';
import { and, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { ConflictError, NotFoundError } from '@marketplace/observability';
import { isMySqlDuplicateKey, MySqlDatabase, preparedQuery } from '@marketplace/service-kit';
import { appendLedger } from '../ledger/ledger.repository';
import type { PaymentProvider, ProviderIntent } from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { type PaymentRow, payments } from './payment.schema';

const paymentOfBuyerOrder = preparedQuery((db: MySqlDb) =>
  db
    .select()
    .from(payments)
    .where(eq(payments.buyerOrderId, sql.placeholder('buyerOrderId')))
    .limit(1)
    .prepare(),
);

export interface CreatePaymentCommand {
  buyerOrderId: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
  /** Confirm it server-side in the same call (see `confirm`). */
  confirm?: boolean | undefined;
}

/** The buyer's payment of a buyer order: one provider intent, succeeded or failed exactly once. */
@Injectable()
export class PaymentService {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  /**
   * Idempotent per buyer order: a repeated call returns the same payment; different terms are a conflict. With
   * `confirm`, the payment (new or repeated) is confirmed too, as `confirm` does, without reading it again.
   */
  async create(command: CreatePaymentCommand): Promise<PaymentRow> {
    const existing = await this.findByBuyerOrder(command.buyerOrderId);
    const payment = existing ? sameTerms(existing, command) : await this.open(command);
    return command.confirm ? this.confirmPayment(payment) : payment;
  }

  private async open(command: CreatePaymentCommand): Promise<PaymentRow> {
    const intent = await this.provider.createPaymentIntent({
      amount: command.amount,
      currency: command.currency,
      transferGroup: command.buyerOrderId,
      idempotencyKey: command.idempotencyKey,
      metadata: { buyerOrderId: command.buyerOrderId },
    });
    const now = new Date();
    const row: PaymentRow = {
      id: ulid(),
      buyerOrderId: command.buyerOrderId,
      idempotencyKey: command.idempotencyKey,
      provider: this.provider.name,
      intentId: intent.id,
      clientSecret: intent.clientSecret,
      amount: command.amount,
      currency: command.currency,
      status: 'requires_payment',
      failureReason: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.database.db.insert(payments).values(row);
    } catch (error) {
      if (!isMySqlDuplicateKey(error)) throw error;
      const concurrent = await this.findByBuyerOrder(command.buyerOrderId);
      if (!concurrent)
        throw new ConflictError('The idempotency key was already used for another buyer order');
      return sameTerms(concurrent, command);
    }
    return this.applyIntent(intent, row);
  }

  /** Server-side confirmation (the test provider, or saved payment methods); browsers confirm with Stripe.js. */
  async confirm(buyerOrderId: string): Promise<PaymentRow> {
    return this.confirmPayment(await this.get(buyerOrderId));
  }

  private async confirmPayment(payment: PaymentRow): Promise<PaymentRow> {
    if (payment.status !== 'requires_payment') return payment;
    return this.applyIntent(
      await this.provider.confirmPaymentIntent(payment.intentId, `confirm-${payment.id}`),
      payment,
    );
  }

  async get(buyerOrderId: string): Promise<PaymentRow> {
    const payment = await this.findByBuyerOrder(buyerOrderId);
    if (!payment) throw new NotFoundError(`No payment for buyer order ${buyerOrderId}`);
    return payment;
  }

  /** The payment of a buyer order (every checkout step reads it: a prepared query). */
  findByBuyerOrder(buyerOrderId: string): Promise<PaymentRow | undefined> {
    return paymentOfBuyerOrder(this.database.db)
      .execute({ buyerOrderId })
      .then((rows) => rows[0]);
  }

  /**
   * The one transition out of requires_payment; later reports of the same intent change nothing. The payment as
   * it left the transition, or undefined when it was not this call's to make. A caller that holds the payment
   * (`known`, the row it wrote or read) is answered from it: the update's condition on the status decides whose
   * transition it is, and it sets every column that changes after the insert besides the status.
   */
  async settleIntent(
    tx: MySqlDb,
    intentId: string,
    outcome: { status: 'succeeded' } | { status: 'failed'; reason: string },
    known?: PaymentRow,
  ): Promise<PaymentRow | undefined> {
    const now = new Date();
    const changes =
      outcome.status === 'succeeded'
        ? { status: 'succeeded' as const, failureReason: null, updatedAt: now }
        : { status: 'failed' as const, failureReason: outcome.reason.slice(0, 500), updatedAt: now };
    const [result] = await tx
      .update(payments)
      .set(changes)
      .where(and(eq(payments.intentId, intentId), eq(payments.status, 'requires_payment')));
    if (result.affectedRows === 0) return undefined;
    const payment = known
      ? { ...known, ...changes }
      : (await tx.select().from(payments).where(eq(payments.intentId, intentId)))[0]!;
    const common = {
      paymentId: payment.id,
      buyerOrderId: payment.buyerOrderId,
      intentId,
      amount: payment.amount,
      currency: payment.currency,
    };
    if (outcome.status === 'succeeded') {
      await appendLedger(
        tx,
        [
          {
            buyerOrderId: payment.buyerOrderId,
            kind: 'charge',
            amount: payment.amount,
            currency: payment.currency,
            providerRef: intentId,
          },
        ],
        now,
      );
      await enqueue(
        tx,
        PaymentSucceeded.create({ ...common, succeededAt: now.toISOString() }, { tenantId: null }),
        { key: payment.buyerOrderId },
      );
      return payment;
    }
    await enqueue(
      tx,
      PaymentFailed.create(
        { ...common, reason: outcome.reason, failedAt: now.toISOString() },
        { tenantId: null },
      ),
      { key: payment.buyerOrderId },
    );
    return payment;
  }

  /**
   * A declined attempt of an intent the buyer may confirm again (Stripe puts it back to
   * `requires_payment_method`): the payment stays open with the decline recorded; the checkout deadline, not the
   * decline, ends an abandoned payment.
   */
  async recordDeclinedAttempt(tx: MySqlDb, intentId: string, reason: string): Promise<boolean> {
    const [result] = await tx
      .update(payments)
      .set({ failureReason: reason.slice(0, 500), updatedAt: new Date() })
      .where(and(eq(payments.intentId, intentId), eq(payments.status, 'requires_payment')));
    return result.affectedRows > 0;
  }

  /**
   * Records the provider's final answer about `payment`'s intent; the payment after it — as this call wrote it, or
   * read again when another (a webhook, a concurrent call) recorded the outcome first.
   */
  private async applyIntent(intent: ProviderIntent, payment: PaymentRow): Promise<PaymentRow> {
    if (intent.status !== 'succeeded' && intent.status !== 'failed') return payment;
    const outcome =
      intent.status === 'succeeded'
        ? ({ status: 'succeeded' } as const)
        : ({ status: 'failed', reason: intent.failureReason ?? 'The payment was declined' } as const);
    const settled = await this.database.db.transaction((tx) =>
      this.settleIntent(tx, intent.id, outcome, payment),
    );
    return settled ?? this.get(payment.buyerOrderId);
  }
}

function sameTerms(payment: PaymentRow, command: CreatePaymentCommand): PaymentRow {
  if (payment.amount !== command.amount || payment.currency !== command.currency) {
    throw new ConflictError(
      `Buyer order ${command.buyerOrderId} already has a payment of ${payment.amount} ${payment.currency}`,
    );
  }
  return payment;
}
