import { catchError, map, Observable, of, startWith } from 'rxjs';

/** What a page shows while data loads: a spinner, the data, or the error message (never swallowed). */
export type Loadable<T> =
  { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; message: string };

export function loadable<T>(source: Observable<T>): Observable<Loadable<T>> {
  return source.pipe(
    map((data): Loadable<T> => ({ status: 'ok', data })),
    catchError((error: unknown) =>
      of<Loadable<T>>({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    ),
    startWith<Loadable<T>>({ status: 'loading' }),
  );
}
