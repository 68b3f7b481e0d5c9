import type { DocumentWriteSerializer, WriteSerializer } from '@marketplace/events';

/**
 * One-at-a-time execution of writes inside this process. FerretDB 1.x applies every update as an unisolated
 * read-modify-write of the whole document (a filter such as a revision check is not re-checked at write
 * time), so two overlapping writes to one document can silently lose one (ADR 0006). Real MongoDB and
 * DocumentDB do not need it; with FerretDB it holds while one process writes the collection (local runs and
 * tests). `DocumentOutboxRelay` accepts it, so the relay's writes queue behind the service's.
 */
export function createWriteSerializer(): WriteSerializer {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}

/**
 * `createWriteSerializer` per document: writes to one document run one at a time (FerretDB 1.x, see there),
 * writes to different documents run concurrently. Documents are told apart by `String(documentId)`.
 */
export function createDocumentWriteSerializer(): DocumentWriteSerializer {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(documentId: unknown, work: () => Promise<T>): Promise<T> => {
    const key = String(documentId);
    const result = (tails.get(key) ?? Promise.resolve()).then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    // The last write of a document forgets it, so the map holds only documents with writes in flight.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
