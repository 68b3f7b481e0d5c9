import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { paidOrder, startPaymentsApp, type PaymentsTestApp } from './support';

const ORDERS = 16;

interface LedgerRow {
  kind: string;
  amount: number;
  balance_after: number;
}

/**
 * Two-seller checkouts settling at the same time (ADR 0055): each settlement locks both sellers' balance rows,
 * and the orders list their sellers in either order. Every settlement succeeds, and each seller's ledger is one
 * unbroken running balance. Stripe adapter against stripe-mock, real MariaDB and Kafka.
 */
describe('payments: concurrent settlements of orders sharing sellers', () => {
  let app: PaymentsTestApp;

  beforeAll(async () => {
    app = await startPaymentsApp({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_concurrent' });
  });
  afterAll(() => app.close());

  async function ledgerOf(tenantId: string): Promise<LedgerRow[]> {
    const [rows] = await app.database.db.execute(
      sql`select kind, amount, balance_after from seller_ledger_entries where tenant_id = ${tenantId} order by id`,
    );
    return (rows as unknown as LedgerRow[]).map((row) => ({
      kind: row.kind,
      amount: Number(row.amount),
      balance_after: Number(row.balance_after),
    }));
  }

  it('settles every order, both sellers in either order, and each ledger adds up', async () => {
    const [sellerA, sellerB] = [randomUUID(), randomUUID()];
    const paid: string[] = [];
    for (let i = 0; i < ORDERS; i += 4) {
      const batch = await Promise.all([0, 1, 2, 3].map(() => paidOrder(app, 5_000)));
      paid.push(...batch.map((order) => order.buyerOrderId));
    }

    const answers = await Promise.all(
      paid.map((buyerOrderId, i) => {
        const shares = [
          { sellerOrderId: ulid(), tenantId: sellerA, subtotal: 3_000, commissionBps: 1_000 },
          { sellerOrderId: ulid(), tenantId: sellerB, subtotal: 2_000, commissionBps: 500 },
        ];
        return app.call('POST', `/internal/payments/${buyerOrderId}/settle`, {
          sellerOrders: i % 2 === 0 ? shares : shares.reverse(),
        });
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(paid.map(() => 200));
    for (const answer of answers) {
      // Neither seller has a payout account: both shares are kept (held) for them.
      expect((answer.body.transfers as { status: string }[]).map((t) => t.status)).toEqual(['held', 'held']);
    }

    for (const [tenantId, share] of [
      [sellerA, 3_000 - 300],
      [sellerB, 2_000 - 100],
    ] as const) {
      const ledger = await ledgerOf(tenantId);
      expect(ledger.filter((entry) => entry.kind === 'sale')).toHaveLength(ORDERS);
      let balance = 0;
      for (const entry of ledger) {
        if (entry.kind !== 'hold' && entry.kind !== 'release') balance += entry.amount;
        expect(entry.balance_after).toBe(balance);
      }
      expect(balance).toBe(ORDERS * share);
      expect(
        await app.count(
          sql`select balance as n from seller_balances where tenant_id = ${tenantId} and currency = 'EUR'`,
        ),
      ).toBe(ORDERS * share);
    }
  });
});
