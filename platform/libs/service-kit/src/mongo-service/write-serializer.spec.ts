import { createDocumentWriteSerializer, createWriteSerializer } from './write-serializer';

describe('createWriteSerializer', () => {
  it('runs writes one at a time, in the order given', async () => {
    const serialize = createWriteSerializer();
    const log: string[] = [];
    const write = (name: string, ms: number) =>
      serialize(async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
        return name;
      });
    await expect(Promise.all([write('a', 30), write('b', 1), write('c', 10)])).resolves.toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a failed write and hands the failure to its caller only', async () => {
    const serialize = createWriteSerializer();
    const failed = serialize(() => Promise.reject(new Error('duplicate key')));
    const next = serialize(() => Promise.resolve('written'));
    await expect(failed).rejects.toThrow('duplicate key');
    await expect(next).resolves.toBe('written');
  });
});

describe('createDocumentWriteSerializer', () => {
  const recorder = () => {
    const log: string[] = [];
    const write =
      (serialize: ReturnType<typeof createDocumentWriteSerializer>) =>
      (documentId: string, name: string, ms: number) =>
        serialize(documentId, async () => {
          log.push(`start ${name}`);
          await new Promise((resolve) => setTimeout(resolve, ms));
          log.push(`end ${name}`);
          return name;
        });
    return { log, write };
  };

  it('runs writes to one document one at a time, in the order given', async () => {
    const { log, write } = recorder();
    const toDoc = write(createDocumentWriteSerializer());
    await expect(
      Promise.all([toDoc('m1', 'a', 30), toDoc('m1', 'b', 1), toDoc('m1', 'c', 10)]),
    ).resolves.toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets writes to different documents overlap', async () => {
    const { log, write } = recorder();
    const toDoc = write(createDocumentWriteSerializer());
    await Promise.all([toDoc('m1', 'a', 30), toDoc('m2', 'b', 1)]);
    expect(log).toEqual(['start a', 'start b', 'end b', 'end a']);
  });

  it('keeps serializing a document after a failed write and hands the failure to its caller only', async () => {
    const serialize = createDocumentWriteSerializer();
    const failed = serialize('m1', () => Promise.reject(new Error('duplicate key')));
    const next = serialize('m1', () => Promise.resolve('written'));
    await expect(failed).rejects.toThrow('duplicate key');
    await expect(next).resolves.toBe('written');
  });
});
