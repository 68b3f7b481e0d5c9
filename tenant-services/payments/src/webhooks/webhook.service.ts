import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger, ServiceMetrics } from '@marketplace/observability';
import type { MySqlDb } from '@marketplace/tenancy';
import { MySqlDatabase } from '@marketplace/service-kit';
import { acrossTenants } from '@marketplace/tenancy';
import { eq } from 'drizzle-orm';
import { Counter } from 'prom-client';
import { z } from 'zod';
import { payments } from '../payments/payment.schema';
import { PaymentService } from '../payments/payment.service';
import { RefundService } from '../payments/refund.service';
import { SettlementService } from '../payments/settlement.service';
import { type DisputeFollowUp, DisputeService } from '../disputes/dispute.service';
import { PayoutService } from '../payouts/payout.service';
import type { PaymentProvider, ProviderWebhookEvent } from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { toAccount } from '../providers/stripe-payment-provider';
import { webhookEvents } from './webhook-event.schema';

const intentObject = z.object({
  id: z.string().min(1),
  status: z.string().optional(),
  last_payment_error: z.object({ message: z.string().optional() }).nullish(),
  cancellation_reason: z.string().nullish(),
});
const accountObject = z.object({
  id: z.string().min(1),
  charges_enabled: z.boolean().nullish(),
  payouts_enabled: z.boolean().nullish(),
  details_submitted: z.boolean().nullish(),
  capabilities: z.object({ transfers: z.string().nullish() }).nullish(),
  requirements: z
    .object({
      currently_due: z.array(z.string().max(200)).max(200).nullish(),
      past_due: z.array(z.string().max(200)).max(200).nullish(),
    })
    .nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
const disputeObject = z.object({
  id: z.string().min(1),
  amount: z.number().int().min(0),
  currency: z.string().min(3).max(3),
  payment_intent: z.string().nullish(),
  reason: z.string().nullish(),
  status: z.string(),
});
const chargeObject = z.object({ payment_intent: z.string().nullish(), amount_refunded: z.number().int() });
const refundObject = z.object({ id: z.string().min(1), status: z.string().nullish() });
const payoutObject = z.object({
  id: z.string().min(1),
  amount: z.number().int().min(0),
  currency: z.string().length(3),
  /** Unix seconds. */
  arrival_date: z.number().int(),
  failure_code: z.string().nullish(),
  failure_message: z.string().nullish(),
});

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

/** Verified provider webhooks, each handled once: the event id is recorded in the same transaction as its effect. */
@Injectable()
export class WebhookService {
  private readonly failures: Counter<'reason'>;

  constructor(
    private readonly database: MySqlDatabase,
    private readonly paymentService: PaymentService,
    private readonly payouts: PayoutService,
    private readonly settlement: SettlementService,
    private readonly refunds: RefundService,
    private readonly disputes: DisputeService,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: ServiceMetrics,
  ) {
    this.failures = new Counter({
      name: 'payments_webhook_failures_total',
      help: 'Provider webhooks refused (bad signature) or whose handling failed.',
      labelNames: ['reason'],
      registers: [metrics.registry],
    });
  }

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookOutcome> {
    let event: ProviderWebhookEvent;
    try {
      event = this.provider.verifyWebhook(rawBody ?? Buffer.alloc(0), signature);
    } catch (error) {
      this.failures.inc({ reason: 'signature' });
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'webhook refused');
      throw error;
    }
    try {
      const released: string[] = [];
      const followUp: DisputeFollowUp = { reversals: [], returns: [] };
      const outcome = await this.database.db.transaction(async (tx) => {
        const [recorded] = await tx
          .insert(webhookEvents)
          .ignore()
          .values({ eventId: event.id, type: event.type, processedAt: new Date() });
        if (recorded.affectedRows === 0) return 'duplicate' as const;
        return this.handle(tx, event, released, followUp);
      });
      // After the commit, so the transfers see the account's new capability; the sweeper covers a crash here.
      for (const tenantId of released)
        await acrossTenants('payments.release-held-shares', () => this.settlement.releaseHeld(tenantId));
      await acrossTenants('payments.dispute-follow-up', () => this.disputes.followUp(followUp));
      this.logger.info({ eventId: event.id, type: event.type, outcome }, 'webhook handled');
      return outcome;
    } catch (error) {
      this.failures.inc({ reason: 'handler' });
      throw error;
    }
  }

  /** Handles a new event in `tx`; tenants whose held transfers may go now are added to `released`. */
  private async handle(
    tx: MySqlDb,
    event: ProviderWebhookEvent,
    released: string[],
    followUp: DisputeFollowUp,
  ): Promise<WebhookOutcome> {
    switch (event.type) {
      case 'payment_intent.succeeded': {
        const intent = intentObject.parse(event.object);
        return (await this.paymentService.settleIntent(tx, intent.id, { status: 'succeeded' }))
          ? 'processed'
          : 'ignored';
      }
      case 'payment_intent.payment_failed': {
        // A declined card or a failed 3-D Secure check: Stripe keeps the intent open for another attempt
        // (status requires_payment_method), so the order keeps waiting; only a cancelled intent is final.
        const intent = intentObject.parse(event.object);
        const reason = intent.last_payment_error?.message ?? 'The payment failed';
        const changed =
          intent.status === 'canceled'
            ? await this.paymentService.settleIntent(tx, intent.id, { status: 'failed', reason })
            : await this.paymentService.recordDeclinedAttempt(tx, intent.id, reason);
        return changed ? 'processed' : 'ignored';
      }
      case 'payment_intent.canceled': {
        const intent = intentObject.parse(event.object);
        const reason = `The payment was cancelled (${intent.cancellation_reason ?? 'no reason given'})`;
        return (await this.paymentService.settleIntent(tx, intent.id, { status: 'failed', reason }))
          ? 'processed'
          : 'ignored';
      }
      case 'account.updated': {
        const account = accountObject.parse(event.object);
        const tenantId = account.metadata?.tenantId;
        if (!tenantId) return 'ignored';
        const update = toAccount(account);
        const changed = await this.payouts.applyAccountUpdate(tx, tenantId, update);
        if (changed > 0 && update.transfersActive) released.push(tenantId);
        return changed > 0 ? 'processed' : 'ignored';
      }
      case 'charge.refunded': {
        // Refunds made in the provider's dashboard: mark the payment refunded once fully refunded.
        const charge = chargeObject.parse(event.object);
        if (!charge.payment_intent) return 'ignored';
        const [payment] = await tx
          .select()
          .from(payments)
          .where(eq(payments.intentId, charge.payment_intent))
          .for('update');
        if (!payment || payment.status !== 'succeeded' || charge.amount_refunded < payment.amount)
          return 'ignored';
        await tx
          .update(payments)
          .set({ status: 'refunded', updatedAt: new Date() })
          .where(eq(payments.id, payment.id));
        return 'processed';
      }
      case 'refund.updated':
      case 'charge.refund.updated': {
        // A refund the provider first kept pending has reached the buyer (failures stay with the provider's log).
        const refund = refundObject.parse(event.object);
        if (refund.status !== 'succeeded') return 'ignored';
        return (await this.refunds.markSucceeded(tx, refund.id)) ? 'processed' : 'ignored';
      }
      case 'payout.paid':
      case 'payout.failed': {
        // Connect: the payout happened on a seller's connected account, named by the event.
        if (!event.account) return 'ignored';
        const payout = payoutObject.parse(event.object);
        const account = event.account;
        const settled = await acrossTenants('payments.payout-settled', () =>
          this.payouts.payoutSettled(tx, account, {
            id: payout.id,
            status: event.type === 'payout.paid' ? 'paid' : 'failed',
            amount: payout.amount,
            currency: payout.currency.toUpperCase(),
            arrivalDate: new Date(payout.arrival_date * 1000).toISOString().slice(0, 10),
            failureCode: payout.failure_code ?? null,
            failureMessage: payout.failure_message?.slice(0, 500) ?? null,
          }),
        );
        return settled ? 'processed' : 'ignored';
      }
      case 'charge.dispute.created': {
        const dispute = disputeObject.parse(event.object);
        if (!dispute.payment_intent) return 'ignored';
        const paymentIntentId = dispute.payment_intent;
        const opened = await acrossTenants('payments.dispute-opened', () =>
          this.disputes.opened(
            tx,
            {
              id: dispute.id,
              amount: dispute.amount,
              currency: dispute.currency,
              paymentIntentId,
              reason: dispute.reason ?? 'general',
            },
            followUp,
          ),
        );
        return opened ? 'processed' : 'ignored';
      }
      case 'charge.dispute.closed': {
        const dispute = disputeObject.parse(event.object);
        const closed = await acrossTenants('payments.dispute-closed', () =>
          this.disputes.closed(tx, dispute.id, dispute.status, followUp),
        );
        return closed ? 'processed' : 'ignored';
      }
      default:
        return 'ignored';
    }
  }
}
