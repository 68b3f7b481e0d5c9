import type { Logger } from '@marketplace/observability';
import { subgraphGraphqlUrl, type SubgraphEndpoint } from '../subgraphs';
import { composeSupergraph, type CompositionOutcome, type SubgraphSchema } from './compose-supergraph';

export interface SupergraphSourceOptions {
  subgraphs: readonly SubgraphEndpoint[];
  logger: Logger;
  /** Per subgraph SDL request. */
  timeoutMs: number;
  /** Called once per newly composed supergraph that differs from the one served. */
  onChange?: (supergraphSdl: string) => void;
}

export interface SupergraphStatus {
  /** Subgraphs in the served supergraph. */
  composed: readonly string[];
  /** Subgraphs whose SDL could not be fetched at the last refresh. */
  unreachable: readonly string[];
  /** Errors of the last composition, empty when it succeeded. */
  errors: readonly string[];
}

const SDL_QUERY = JSON.stringify({ query: '{ _service { sdl } }' });

async function fetchSubgraphSdl(subgraph: SubgraphEndpoint, timeoutMs: number): Promise<string> {
  const response = await fetch(subgraphGraphqlUrl(subgraph), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: SDL_QUERY,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { data?: { _service?: { sdl?: unknown } } };
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string' || sdl.length === 0) throw new Error('no _service.sdl in the answer');
  return sdl;
}

/**
 * Keeps the supergraph the gateway serves: fetches each subgraph's SDL, composes, and only replaces the
 * served supergraph with a successful composition. A subgraph that cannot be reached keeps its last known
 * SDL, so one service restarting neither removes its fields nor breaks the others; a composition error
 * (an incompatible deploy) leaves the last good supergraph in place.
 */
export class SupergraphSource {
  private readonly knownSdl = new Map<string, string>();
  private current: string | undefined;
  private composedNames: string[] = [];
  private unreachable: string[] = [];
  private errors: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: SupergraphSourceOptions) {}

  get supergraphSdl(): string | undefined {
    return this.current;
  }

  status(): SupergraphStatus {
    return { composed: this.composedNames, unreachable: this.unreachable, errors: this.errors };
  }

  async refresh(): Promise<CompositionOutcome> {
    const { subgraphs, logger, timeoutMs } = this.options;
    const unreachable: string[] = [];
    await Promise.all(
      subgraphs.map(async (subgraph) => {
        try {
          this.knownSdl.set(subgraph.name, await fetchSubgraphSdl(subgraph, timeoutMs));
        } catch (error) {
          unreachable.push(subgraph.name);
          logger.warn(
            { subgraph: subgraph.name, err: error },
            'Subgraph SDL unavailable; using its last known SDL if any',
          );
        }
      }),
    );
    this.unreachable = unreachable;
    const schemas: SubgraphSchema[] = subgraphs.flatMap((subgraph) => {
      const sdl = this.knownSdl.get(subgraph.name);
      return sdl === undefined ? [] : [{ name: subgraph.name, url: subgraphGraphqlUrl(subgraph), sdl }];
    });
    const outcome = composeSupergraph(schemas);
    if (!outcome.ok) {
      this.errors = outcome.errors;
      logger.error(
        { errors: outcome.errors },
        'Supergraph composition failed; the last good supergraph stays in service',
      );
      return outcome;
    }
    this.errors = [];
    if (outcome.supergraphSdl !== this.current) {
      this.current = outcome.supergraphSdl;
      this.composedNames = schemas.map((schema) => schema.name);
      logger.info({ subgraphs: this.composedNames }, 'Supergraph composed');
      this.options.onChange?.(outcome.supergraphSdl);
    }
    return outcome;
  }

  /** Refreshes now, then every `intervalMs`; while no supergraph exists yet, retries every `retryMs`. */
  start(intervalMs: number, retryMs = 2000): Promise<CompositionOutcome> {
    this.stopped = false;
    const refreshLogged = () =>
      this.refresh().catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'Supergraph refresh failed');
      });
    const first = this.refresh();
    const schedule = () => {
      if (this.stopped) return;
      this.timer = setTimeout(
        () => void refreshLogged().finally(schedule),
        this.current === undefined ? Math.min(retryMs, intervalMs) : intervalMs,
      );
      this.timer.unref();
    };
    void first.then(schedule, schedule);
    return first;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
