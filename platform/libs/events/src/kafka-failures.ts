import { errorMessage } from './logger';

/** The error with the causes the Kafka client nests in it (per-partition errors of one produce request). */
export function describeFailure(error: unknown): string {
  const nested = (error as { errors?: unknown[] } | null)?.errors;
  if (!Array.isArray(nested) || nested.length === 0) return errorMessage(error);
  return `${errorMessage(error)} (${nested.map(describeFailure).join('; ')})`;
}

/** False only for errors the Kafka client marks as not worth retrying (message too large, invalid topic...). */
export function retryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) return nested.some(retryable);
  return (error as { canRetry?: boolean }).canRetry !== false;
}

/**
 * When an outbox entry Kafka refuses is parked: set aside, so that it stops holding back what follows it. A
 * refusal the client calls final (message too large, invalid record) parks at `maxAttempts`. A retryable one (no
 * leader yet, a partition moving, a timeout) parks only once it has lasted `retryableAfterMs` since the last outage
 * and Kafka accepted other messages meanwhile: after a broker restart partitions get their leaders one by one, and
 * counting quick retries across that parked the events of partitions that were about to come back.
 */
export class OutboxParking {
  /** When each entry was first refused (in memory: a restarted relay starts counting again). */
  private readonly firstRefusedAt = new Map<string, number>();
  private lastOutageAt = 0;

  constructor(
    private readonly maxAttempts: number,
    private readonly retryableAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Kafka refused everything: retryable refusals count their time from now on. */
  outage(): void {
    this.lastOutageAt = this.now();
  }

  /** Records a refused send (its `attempts` so far, this one included); true when the entry is to be parked. */
  refused(id: string, attempts: number, error: unknown, othersAccepted: boolean): boolean {
    const now = this.now();
    const first = this.firstRefusedAt.get(id) ?? now;
    this.firstRefusedAt.set(id, first);
    if (attempts < this.maxAttempts) return false;
    const park =
      !retryable(error) ||
      (othersAccepted && now - Math.max(first, this.lastOutageAt) >= this.retryableAfterMs);
    if (park) this.firstRefusedAt.delete(id);
    return park;
  }

  /** The entry went out (or is gone). */
  settled(id: string): void {
    if (this.firstRefusedAt.size > 0) this.firstRefusedAt.delete(id);
  }
}
