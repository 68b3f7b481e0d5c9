import { ServiceMetrics } from '@marketplace/observability';
import { reportEventConsumers } from './event-consumers';
import { ReadinessChecks } from './readiness-checks';

/** A consumer as supervision sees it: its group and state. */
function consumerIn(groupId: string, state: 'running' | 'restarting') {
  return {
    status: () => ({ groupId, state, restarts: 0, deadLettered: 0, lastError: 'broker unreachable' }),
    lag: async () => 0,
  } as unknown as Parameters<typeof reportEventConsumers>[0][number];
}

describe('reportEventConsumers', () => {
  it('takes the replica out of load balancing while a consumer re-joins, by default', async () => {
    const readiness = new ReadinessChecks();
    reportEventConsumers([consumerIn('orders', 'restarting')], readiness, new ServiceMetrics('test'));

    expect(Object.keys(readiness.degraded)).toEqual([]);
    await expect(async () =>
      readiness.checks['consumer:orders']!(new AbortController().signal),
    ).rejects.toThrow('consumer orders is restarting: broker unreachable');
  });

  it('reports consumers feeding a cache as degraded, never down', async () => {
    const readiness = new ReadinessChecks();
    reportEventConsumers(
      [consumerIn('cart.product-projection', 'restarting')],
      readiness,
      new ServiceMetrics('test'),
      {
        degraded: true,
      },
    );

    expect(Object.keys(readiness.checks)).toEqual([]);
    await expect(async () =>
      readiness.degraded['consumer:cart.product-projection']!(new AbortController().signal),
    ).rejects.toThrow('consumer cart.product-projection is restarting');
  });
});
