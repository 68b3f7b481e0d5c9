import { PagedList } from '@marketplace/web-portal';

describe('PagedList', () => {
  it('loads the first page, appends the next one by cursor and says when there is no more', async () => {
    const afters: (string | null)[] = [];
    const list = new PagedList<number>(async (after) => {
      afters.push(after);
      return after === null
        ? { nodes: [1, 2], hasNextPage: true, endCursor: 'c2' }
        : { nodes: [3], hasNextPage: false, endCursor: 'c3' };
    });
    await list.reload();
    await list.more();
    expect(afters).toEqual([null, 'c2']);
    expect(list.rows()).toEqual([1, 2, 3]);
    expect(list.hasNextPage()).toBe(false);
    expect(list.loading()).toBe(false);
  });

  it('keeps the message of a failed call and drops answers of a superseded request', async () => {
    let slow: (page: { nodes: number[]; hasNextPage: boolean; endCursor: null }) => void = () => {};
    let call = 0;
    const list = new PagedList<number>(() => {
      call++;
      if (call === 1) return new Promise((resolve) => (slow = resolve));
      if (call === 2) return Promise.resolve({ nodes: [9], hasNextPage: false, endCursor: null });
      return Promise.reject(new Error('The marketplace could not be reached.'));
    });
    const first = list.reload();
    await list.reload();
    slow({ nodes: [1], hasNextPage: false, endCursor: null });
    await first;
    expect(list.rows()).toEqual([9]);
    await list.reload();
    expect(list.error()).toBe('The marketplace could not be reached.');
  });
});
