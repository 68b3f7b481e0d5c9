/**
 * What lets one consumer handle several messages at once without giving up what consumers promise: messages of
 * one lane (a Kafka key, so one aggregate) run one after the other in the order they arrived, lanes run side by
 * side up to `limit` messages in flight, and a partition's offset is committed only over messages that are all
 * done — so after a crash or rebalance nothing unhandled is skipped (handled ones are recognised as processed).
 */
export class KeyedLanes {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly tails = new Map<string, Promise<void>>();

  /** `onError` gets what a work item threw; the lane goes on with its next item. */
  constructor(
    private readonly limit: number,
    private readonly onError: (error: unknown) => void,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be a positive integer');
  }

  /** Waits for a free slot, then queues `work` behind the lane's earlier work; resolves once queued. */
  async schedule(lane: string, work: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
    const previous = this.tails.get(lane);
    const run: Promise<void> = (previous ?? Promise.resolve())
      .then(work)
      .catch(this.onError)
      .finally(() => {
        this.inFlight.delete(run);
        if (this.tails.get(lane) === run) this.tails.delete(lane);
      });
    this.inFlight.add(run);
    this.tails.set(lane, run);
  }

  /** Resolves when everything queued so far has run. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}

interface Pending<M> {
  message: M;
  state: 'running' | 'settled' | 'unsettled';
}

/**
 * The commit point of one partition while its messages finish out of order: `finished` answers the last message
 * of the settled prefix (commit it: Kafka offsets are cumulative), or undefined when an earlier one still runs or
 * was left unsettled (stopped mid-retry), which holds the commit point back for good.
 */
export class PartitionProgress<M> {
  private readonly pending: Pending<M>[] = [];

  started(message: M): Pending<M> {
    const entry: Pending<M> = { message, state: 'running' };
    this.pending.push(entry);
    return entry;
  }

  finished(entry: Pending<M>, settled: boolean): M | undefined {
    entry.state = settled ? 'settled' : 'unsettled';
    let commit: M | undefined;
    while (this.pending[0]?.state === 'settled') commit = this.pending.shift()!.message;
    return commit;
  }
}
