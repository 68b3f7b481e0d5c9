/**
 * The catalog's write serializer for FerretDB 1.x (ADRs 0006, 0054): FerretDB applies an update as an
 * unisolated read-modify-write of the whole document, so two overlapping writes to one document can silently
 * lose one. Writes are therefore queued per document — writes to one product (or category) run one at a
 * time, in call order, while writes to different ones run concurrently — and a write spanning documents it
 * cannot name (a tenant's `updateMany`) runs alone. Holds within one process only.
 */
export interface ProductWriteSerializer {
  /** Runs `work` once no earlier write to any of `documentIds` (and no earlier exclusive write) is running. */
  <T>(documentIds: unknown | readonly unknown[], work: () => Promise<T>): Promise<T>;
  /** Runs `work` alone: after every earlier write, before every later one. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export function createProductWriteSerializer(): ProductWriteSerializer {
  /** The last queued write of each document; an entry leaves when that write settled. */
  const tails = new Map<string, Promise<void>>();
  /** The last exclusive write: every write queued after it waits for it. */
  let barrier: Promise<void> = Promise.resolve();

  const settle = (result: Promise<unknown>): Promise<void> =>
    result.then(
      () => undefined,
      () => undefined,
    );

  const serialize = <T>(documentIds: unknown, work: () => Promise<T>): Promise<T> => {
    const keys = [...new Set((Array.isArray(documentIds) ? documentIds : [documentIds]).map(String))];
    const before = [barrier, ...keys.flatMap((key) => tails.get(key) ?? [])];
    const result = Promise.all(before).then(work);
    const tail = settle(result);
    for (const key of keys) tails.set(key, tail);
    void tail.then(() => {
      for (const key of keys) if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };

  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = Promise.all([barrier, ...tails.values()]).then(work);
    barrier = settle(result);
    return result;
  };

  return Object.assign(serialize, { exclusive }) as ProductWriteSerializer;
}
