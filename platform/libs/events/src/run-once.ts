import { MySqlDb } from './mysql';
import { processedEvents } from './tables';

export interface RunOnceKey {
  eventId: string;
  consumerGroup: string;
}

export type RunOnceResult<T> = { processed: true; value: T } | { processed: false };

/**
 * Runs `fn` in a transaction that also records (eventId, consumerGroup) in processed_events. If the
 * pair is already recorded, `fn` does not run. A concurrent duplicate waits on the row lock and then
 * sees the committed record; if `fn` throws, the record rolls back with the handler's work.
 */
export async function runOnce<T>(
  db: MySqlDb,
  key: RunOnceKey,
  fn: (tx: MySqlDb) => Promise<T>,
): Promise<RunOnceResult<T>> {
  return db.transaction(async (tx) => {
    const [result] = await tx
      .insert(processedEvents)
      .ignore()
      .values({ eventId: key.eventId, consumerGroup: key.consumerGroup });
    if (result.affectedRows === 0) return { processed: false };
    return { processed: true, value: await fn(tx) };
  });
}
