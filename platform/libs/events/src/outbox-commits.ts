import type { MySqlDb } from './mysql';

type Listener = () => void;

/** What a drizzle database or transaction offers for (nested) transactions; the rest is left untouched. */
interface Transactional {
  transaction(work: (tx: Transactional) => Promise<unknown>, ...config: unknown[]): Promise<unknown>;
}

/** Database or transaction → what `enqueue` on it reports to: the commit of its transaction, or at once. */
const outboxWriters = new WeakMap<object, () => void>();
/** Instrumented database → the relays to wake after commits that added outbox rows. */
const commitListeners = new WeakMap<object, Set<Listener>>();

/**
 * Makes the database tell outbox relays about committed outbox rows (ADR 0056): a transaction on it that enqueued
 * events wakes them once it committed — never before the commit (the relay would find nothing and sleep), never
 * after a rollback; an `enqueue` on the database itself (autocommit) wakes them once the row is written. Relays
 * subscribe with `onOutboxCommit`; their polling is only a safety net. Instruments `db` in place and returns it.
 */
export function wakeRelaysOnOutboxCommit<T extends MySqlDb>(db: T): T {
  const listeners = new Set<Listener>();
  const wake = () => {
    for (const listener of listeners) listener();
  };
  commitListeners.set(db, listeners);
  outboxWriters.set(db, wake);
  const root = db as unknown as Transactional;
  const begin = root.transaction.bind(root);
  root.transaction = async (work, ...config) => {
    let wroteOutbox = false;
    const result = await begin(
      (tx) => {
        trackTransaction(tx, () => {
          wroteOutbox = true;
        });
        return work(tx);
      },
      ...config,
    );
    // `begin` resolves after COMMIT and rejects after ROLLBACK.
    if (wroteOutbox) wake();
    return result;
  };
  return db;
}

/**
 * Nested transactions (savepoints) report to the outermost one: only its commit makes rows visible. A savepoint
 * rolled back inside a committed transaction may thus wake the relay for nothing, which costs one empty pass.
 */
function trackTransaction(tx: Transactional, wroteOutbox: () => void): void {
  outboxWriters.set(tx, wroteOutbox);
  const savepoint = tx.transaction.bind(tx);
  tx.transaction = (work, ...config) =>
    savepoint(
      (inner) => {
        trackTransaction(inner, wroteOutbox);
        return work(inner);
      },
      ...config,
    );
}

/**
 * Calls `listener` after each commit on `db` that added outbox rows; returns the unsubscribe function. A database
 * not made by `wakeRelaysOnOutboxCommit` never calls it (its relay relies on polling).
 */
export function onOutboxCommit(db: MySqlDb, listener: Listener): () => void {
  const listeners = commitListeners.get(db);
  if (!listeners) return () => undefined;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by `enqueue` after it wrote an outbox row on `db` (a database or a transaction). */
export function outboxWritten(db: MySqlDb): void {
  outboxWriters.get(db)?.();
}
