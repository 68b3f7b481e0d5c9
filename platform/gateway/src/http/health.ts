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
  /** How long a readiness result answers the public port's probes (default 5 s). */
  publicReadinessMaxAgeMs?: number;
}

type CheckState = 'up' | 'down';

interface Readiness {
  ready: boolean;
  checks: Record<string, CheckState>;
  at: number;
}

async function probe(check: () => Promise<unknown>): Promise<CheckState> {
  try {
    await check();
    return 'up';
  } catch {
    return 'down';
  }
}

/**
 * Readiness of this replica: a supergraph is being served, Redis answers and every subgraph answers its liveness
 * probe. Concurrent callers share one round of probes, so a flood of probes never multiplies subgraph calls.
 */
class ReadinessCheck {
  private running?: Promise<Readiness>;
  private last?: Readiness;

  constructor(private readonly options: HealthOptions) {}

  check(): Promise<Readiness> {
    this.running ??= this.probeAll().finally(() => (this.running = undefined));
    return this.running;
  }

  async recent(maxAgeMs: number): Promise<Readiness> {
    if (this.last && Date.now() - this.last.at < maxAgeMs) return this.last;
    return this.check();
  }

  private async probeAll(): Promise<Readiness> {
    const timeoutMs = this.options.probeTimeoutMs ?? 2000;
    const checks: Record<string, CheckState> = {
      supergraph: this.options.supergraph.supergraphSdl === undefined ? 'down' : 'up',
      redis: await probe(() => this.options.redis.ping()),
    };
    const subgraphStates = await Promise.all(
      this.options.subgraphs.map(
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
    this.last = { ready: Object.values(checks).every((state) => state === 'up'), checks, at: Date.now() };
    return this.last;
  }
}

/**
 * Public port: `/health/live` (the process answers; the load balancer's check) and `/health/ready` as a bare
 * status from a result at most a few seconds old. Internal port (never routed from outside): `/health/ready`
 * with every check by name, `/health/live` and `/metrics` (per-tenant labels).
 */
export function registerHealthAndMetrics(
  publicApp: FastifyInstance,
  internalApp: FastifyInstance,
  options: HealthOptions,
): void {
  const readiness = new ReadinessCheck(options);
  const publicMaxAgeMs = options.publicReadinessMaxAgeMs ?? 5000;
  const live = async () => ({ status: 'ok' });

  publicApp.get('/health/live', live);
  publicApp.get('/health/ready', async (_request, reply) => {
    const { ready } = await readiness.recent(publicMaxAgeMs);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'error' });
  });

  internalApp.get('/health/live', live);
  internalApp.get('/health/ready', async (_request, reply) => {
    const { ready, checks } = await readiness.check();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'error', checks });
  });
  internalApp.get('/metrics', async (_request, reply) =>
    reply.type(options.metrics.contentType).send(await options.metrics.scrape()),
  );
}
