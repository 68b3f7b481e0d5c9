import { inject, Injectable } from '@angular/core';
import { Observable, ReplaySubject } from 'rxjs';
import { GraphqlClient } from '../core/graphql-client';

interface Request {
  id: string;
  name: ReplaySubject<string | null>;
}

/** One query for many sellers: an aliased `tenant(id:)` per id, so a page of seller groups costs one request. */
export function sellerNamesQuery(count: number): string {
  const params = Array.from({ length: count }, (_, i) => `$s${i}: ID!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `s${i}: tenant(id: $s${i}) { name }`).join(' ');
  return `query SellerNames(${params}) { ${fields} }`;
}

/**
 * Sellers' public display names by tenant id, from the tenants subgraph. Names asked for in the same turn of the
 * event loop are fetched together and kept for the session. The cart and orders carry only tenant ids, and the
 * cart's federated `seller { name }` would make the whole cart fail whenever the tenants service does; here a
 * failed lookup only leaves the name unknown (null), and a later ask tries again.
 */
@Injectable({ providedIn: 'root' })
export class SellerDirectory {
  private readonly graphql = inject(GraphqlClient);
  private readonly names = new Map<string, Observable<string | null>>();
  private batch: Request[] = [];

  name(sellerId: string): Observable<string | null> {
    const known = this.names.get(sellerId);
    if (known) return known;
    const request: Request = { id: sellerId, name: new ReplaySubject(1) };
    if (this.batch.push(request) === 1) queueMicrotask(() => this.fetch());
    const name = request.name.asObservable();
    this.names.set(sellerId, name);
    return name;
  }

  private fetch(): void {
    const batch = this.batch;
    this.batch = [];
    const variables = Object.fromEntries(batch.map((request, i) => [`s${i}`, request.id]));
    this.graphql
      .query<Record<string, { name: string } | null>>(sellerNamesQuery(batch.length), variables)
      .subscribe({
        next: (data) => batch.forEach((request, i) => settle(request, data[`s${i}`]?.name ?? null)),
        error: () =>
          batch.forEach((request) => {
            this.names.delete(request.id);
            settle(request, null);
          }),
      });
  }
}

function settle(request: Request, name: string | null): void {
  request.name.next(name);
  request.name.complete();
}
