import { acrossTenants } from '@marketplace/tenancy';
import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, InternalOnly, type Principal } from '@marketplace/auth';
import {
  buyerOrderIdSchema,
  createPaymentRequestSchema,
  type PaymentView,
  refundRequestSchema,
  settleRequestSchema,
} from '@marketplace/contracts';
import { LOGGER, type Logger } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { PaymentProvider } from '../providers/payment-provider';
import { PAYMENT_PROVIDER } from '../providers/providers';
import { ledgerOf } from '../ledger/ledger.repository';
import type { PaymentRow } from '../payments/payment.schema';
import { PaymentService } from '../payments/payment.service';
import { RefundService } from '../payments/refund.service';
import { SettlementService } from '../payments/settlement.service';

/**
 * Service-to-service operations of the checkout saga (orders). Guarded by the platform services client; work on
 * sellers' records runs in the explicit cross-tenant scope and is logged as an audit line.
 */
@InternalOnly()
@Controller('internal/payments')
export class InternalPaymentsController {
  constructor(
    private readonly paymentService: PaymentService,
    private readonly settlement: SettlementService,
    private readonly refunds: RefundService,
    private readonly database: MySqlDatabase,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@Body() body: unknown): Promise<PaymentView> {
    return this.toView(await this.paymentService.create(createPaymentRequestSchema.parse(body)));
  }

  @Get(':buyerOrderId')
  async get(@Param('buyerOrderId') buyerOrderId: string) {
    const payment = await this.paymentService.get(buyerOrderIdSchema.parse(buyerOrderId));
    const ledger = await ledgerOf(this.database.db, payment.buyerOrderId);
    return { payment: this.toView(payment), ledger };
  }

  @Post(':buyerOrderId/confirm')
  @HttpCode(200)
  async confirm(@Param('buyerOrderId') buyerOrderId: string): Promise<PaymentView> {
    return this.toView(await this.paymentService.confirm(buyerOrderIdSchema.parse(buyerOrderId)));
  }

  @Post(':buyerOrderId/settle')
  @HttpCode(200)
  async settle(
    @Param('buyerOrderId') buyerOrderId: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
  ) {
    const id = buyerOrderIdSchema.parse(buyerOrderId);
    const { sellerOrders } = settleRequestSchema.parse(body);
    this.audit(caller, 'settle', id);
    const transfers = await acrossTenants('payments.settle', () => this.settlement.settle(id, sellerOrders));
    return { transfers };
  }

  @Post(':buyerOrderId/refunds')
  @HttpCode(200)
  async refund(
    @Param('buyerOrderId') buyerOrderId: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
  ) {
    const id = buyerOrderIdSchema.parse(buyerOrderId);
    const command = refundRequestSchema.parse(body);
    this.audit(caller, 'refund', id);
    const refund = await acrossTenants('payments.refund', () =>
      this.refunds.refund({ buyerOrderId: id, ...command }),
    );
    return { refund };
  }

  /** The row without its idempotency key, with the key the buyer's browser confirms a Stripe intent with. */
  private toView({ idempotencyKey: _key, ...payment }: PaymentRow): PaymentView {
    return {
      ...payment,
      provider: payment.provider === 'stripe' ? 'stripe' : 'test',
      publishableKey: payment.provider === 'stripe' ? this.provider.publishableKey : null,
    };
  }

  private audit(caller: Principal, action: string, buyerOrderId: string): void {
    this.logger.info(
      { audit: true, crossTenant: true, callerId: caller.userId, action, buyerOrderId },
      'internal payment operation',
    );
  }
}
