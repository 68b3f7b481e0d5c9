import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { ServiceMetrics } from '@marketplace/observability';
import type { SupergraphSource } from '../supergraph/supergraph-source';
import { subgraphLiveUrl, type SubgraphEndpoint } from '../subgraphs';

export interface HealthOptions {
  subgraphs: readonly SubgraphEndpoint[];
  supergraph: SupergraphSource;
  redis: Redis;
  metrics: ServiceMetrics;
  probeTimeoutMs?: number;
}

type CheckState = 'up' | 'down';

async function probe(check: () => Promise<unknown>): Promise<CheckState> {
  try {
    await check();
    return 'up';
  } catch {
    return 'down';
  }
}

/**
 * `/health/live`: the process answers. `/health/ready`: a supergraph is being served, Redis answers and every
 * subgraph answers its liveness probe — a replica missing any of them should not take traffic.
 * `/metrics`: Prometheus text.
 */
export function registerHealthAndMetrics(app: FastifyInstance, options: HealthOptions): void {
  const timeoutMs = options.probeTimeoutMs ?? 2000;

  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (_request, reply) => {
    const checks: Record<string, CheckState> = {
      supergraph: options.supergraph.supergraphSdl === undefined ? 'down' : 'up',
      redis: await probe(() => options.redis.ping()),
    };
    const subgraphStates = await Promise.all(
      options.subgraphs.map(
        async (subgraph) =>
          [
            `subgraph:${subgraph.name}`,
            await probe(async () => {
              const response = await fetch(subgraphLiveUrl(subgraph), {
                signal: AbortSignal.timeout(timeoutMs),
              });
              if (!response.ok) throw new Error(`HTTP ${response.status}`);
            }),
          ] as const,
      ),
    );
    for (const [name, state] of subgraphStates) checks[name] = state;
    const ready = Object.values(checks).every((state) => state === 'up');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'error', checks });
  });

  app.get('/metrics', async (_request, reply) =>
    reply.type(options.metrics.contentType).send(await options.metrics.scrape()),
  );
}
