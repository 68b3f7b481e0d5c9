// Defined beside processed_events (the event consumer needs it, and this kit depends on the events library).
export { isMySqlDuplicateKey } from '@marketplace/events';

/** MariaDB/MySQL error numbers of a lock conflict: the transaction was rolled back (1213) or its statement was (1205). */
const LOCK_CONFLICTS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const LOCK_CONFLICT_NUMBERS = new Set([1213, 1205]);

/** A deadlock (1213) or lock wait timeout (1205), possibly wrapped by drizzle as the cause. */
export function isMySqlLockConflict(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code, errno } = current as { code?: string; errno?: number };
    if (
      (code !== undefined && LOCK_CONFLICTS.has(code)) ||
      (errno !== undefined && LOCK_CONFLICT_NUMBERS.has(errno))
    )
      return true;
  }
  return false;
}

export interface LockConflictRetry {
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** The n-th retry waits a random time up to base × 2ⁿ⁻¹ ms (default 20). */
  baseDelayMs?: number;
}

/**
 * Runs `transaction` (a whole transaction: it must begin and end inside) again when the server refused it for a
 * lock conflict, after a random pause so the transactions that collided do not collide again in step. Any other
 * failure, or the last conflict, is the caller's. Transactions that lock the same rows in the same order rarely
 * deadlock; this covers the remaining cases (gap locks, lock upgrades, waits longer than innodb_lock_wait_timeout).
 */
export async function retryOnLockConflict<T>(
  transaction: () => Promise<T>,
  { attempts = 4, baseDelayMs = 20 }: LockConflictRetry = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isMySqlLockConflict(error)) throw error;
      const delayMs = Math.random() * baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
