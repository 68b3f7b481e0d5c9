import { signal } from '@angular/core';
import { messageOf } from './api';
import type { Page } from './lists';

/**
 * A server-side paged list as a page shows it: the rows loaded so far, loading and error states, and whether
 * there is more. `fetch(after)` asks the API for the page after a cursor (null: the first page).
 */
export class PagedList<T> {
  readonly rows = signal<T[]>([]);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly hasNextPage = signal(false);
  private endCursor: string | null = null;
  /** Answers of an older request (the filter changed meanwhile) are dropped. */
  private request = 0;

  constructor(private readonly fetch: (after: string | null) => Promise<Page<T>>) {}

  /** The first page again (after a filter change or an action). */
  reload(): Promise<void> {
    return this.load(false);
  }

  /** No rows (a search that cannot match anything); an answer still on its way is dropped. */
  clear(): void {
    this.request += 1;
    this.rows.set([]);
    this.hasNextPage.set(false);
    this.endCursor = null;
    this.loading.set(false);
    this.error.set(null);
  }

  /** The next page, appended. */
  more(): Promise<void> {
    return this.load(true);
  }

  private async load(append: boolean): Promise<void> {
    const request = ++this.request;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.fetch(append ? this.endCursor : null);
      if (request !== this.request) return;
      this.rows.set(append ? [...this.rows(), ...page.nodes] : page.nodes);
      this.hasNextPage.set(page.hasNextPage);
      this.endCursor = page.endCursor;
    } catch (error) {
      if (request === this.request) this.error.set(messageOf(error));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}
