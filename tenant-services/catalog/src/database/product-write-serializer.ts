/**
 * The catalog's write serializer for FerretDB 1.x (ADRs 0006, 0054): FerretDB applies an update as an
 * unisolated read-modify-write of the whole document, so two overlapping writes to one document can silently
 * lose one. Writes are therefore queued per document — writes to one product (or category) run one at a
 * time, in call order, while writes to different ones run concurrently. A pass over many documents (a tenant
 * status stamped on its products, ADR 0075) waits for the writes already queued with `settled` and then writes
 * each document through the queue, so it holds nothing back. Holds within one process only.
 */
export interface ProductWriteSerializer {
  /** Runs `work` once no earlier write to any of `documentIds` is running. */
  <T>(documentIds: unknown | readonly unknown[], work: () => Promise<T>): Promise<T>;
  /** Resolves once every write queued so far has settled; later writes neither wait for it nor delay it. */
  settled(): Promise<void>;
}

export function createProductWriteSerializer(): ProductWriteSerializer {
  /** The last queued write of each document; an entry leaves when that write settled. */
  const tails = new Map<string, Promise<void>>();

  const settle = (result: Promise<unknown>): Promise<void> =>
    result.then(
      () => undefined,
      () => undefined,
    );

  const serialize = <T>(documentIds: unknown, work: () => Promise<T>): Promise<T> => {
    const keys = [...new Set((Array.isArray(documentIds) ? documentIds : [documentIds]).map(String))];
    const before = keys.flatMap((key) => tails.get(key) ?? []);
    const result = Promise.all(before).then(work);
    const tail = settle(result);
    for (const key of keys) tails.set(key, tail);
    void tail.then(() => {
      for (const key of keys) if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };

  const settled = async (): Promise<void> => {
    await Promise.all(tails.values());
  };

  return Object.assign(serialize, { settled }) as ProductWriteSerializer;
}
