/** A safety net only: the app starts after this even when the browser has not reported the first paint. */
export const FIRST_PAINT_WAIT_LIMIT_MS = 1_000;

/** What of the window the wait uses (a window, or a stand-in in unit tests). */
export type PaintTimingView = Pick<Window, 'setTimeout' | 'clearTimeout'> & {
  PerformanceObserver?: typeof PerformanceObserver;
};

/**
 * Resolves once the browser has painted the page the server rendered (its first contentful paint), so that
 * loading, evaluating and hydrating the app — a long main-thread task on a slow phone — never stands between the
 * buyer and the page the server already drew. A page rendered in the browser only (an empty root) has nothing to
 * paint before the app runs, and a page opened in a background tab is not painted until shown: both resolve at
 * once, as does a browser without paint timing. No Angular in here: `main.ts` imports this before the app.
 */
export function afterServerPagePainted(
  document: Document,
  view: PaintTimingView | null = document.defaultView,
  limitMs: number = FIRST_PAINT_WAIT_LIMIT_MS,
): Promise<void> {
  const root = document.querySelector('sf-root');
  if (!root || root.childElementCount === 0 || document.visibilityState === 'hidden')
    return Promise.resolve();
  const Observer = view?.PerformanceObserver;
  if (!view || !Observer?.supportedEntryTypes?.includes('paint')) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      observer.disconnect();
      view.clearTimeout(timer);
      resolve();
    };
    const observer = new Observer((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) finish();
    });
    const timer = view.setTimeout(finish, limitMs);
    observer.observe({ type: 'paint', buffered: true });
  });
}
