import { afterServerPagePainted, type PaintTimingView } from './first-paint';

function page(body: string): Document {
  const document = window.document.implementation.createHTMLDocument('page');
  document.body.innerHTML = body;
  return document;
}

const SERVER_PAGE = '<sf-root><header>Marketplace</header><main><h1>Oak chair</h1></main></sf-root>';

/** The browser's paint timing as far as the wait uses it: observers told of the paint entries delivered. */
function paintTiming(supported = ['paint']) {
  const observers: { callback: PerformanceObserverCallback; connected: boolean }[] = [];
  class StandInObserver {
    static readonly supportedEntryTypes = supported;
    private readonly entry: { callback: PerformanceObserverCallback; connected: boolean };
    constructor(callback: PerformanceObserverCallback) {
      this.entry = { callback, connected: false };
      observers.push(this.entry);
    }
    observe(): void {
      this.entry.connected = true;
    }
    disconnect(): void {
      this.entry.connected = false;
    }
  }
  const view = {
    PerformanceObserver: StandInObserver as unknown as typeof PerformanceObserver,
    // The test's timers (fake ones where a test asks for them).
    setTimeout: ((handler: () => void, ms: number) =>
      setTimeout(handler, ms)) as unknown as Window['setTimeout'],
    clearTimeout: ((id: number) => clearTimeout(id)) as unknown as Window['clearTimeout'],
  } satisfies PaintTimingView;
  const paint = (name: string) => {
    for (const observer of observers.filter((o) => o.connected)) {
      const list = { getEntriesByName: (wanted: string) => (wanted === name ? [{ name }] : []) };
      observer.callback(list as unknown as PerformanceObserverEntryList, observer as never);
    }
  };
  return { view, paint, connected: () => observers.filter((o) => o.connected).length };
}

const settled = (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  return async () => {
    await Promise.resolve();
    await Promise.resolve();
    return done;
  };
};

describe('afterServerPagePainted', () => {
  afterEach(() => vi.useRealTimers());

  it('waits for the first contentful paint of a server-rendered page, not for other paint entries', async () => {
    const timing = paintTiming();
    const isDone = settled(afterServerPagePainted(page(SERVER_PAGE), timing.view));
    expect(timing.connected()).toBe(1);
    timing.paint('first-paint');
    expect(await isDone()).toBe(false);
    timing.paint('first-contentful-paint');
    expect(await isDone()).toBe(true);
    expect(timing.connected()).toBe(0);
  });

  it('starts the app at once on a page rendered in the browser only (nothing to paint before it runs)', async () => {
    const timing = paintTiming();
    const isDone = settled(afterServerPagePainted(page('<sf-root></sf-root>'), timing.view));
    expect(await isDone()).toBe(true);
    expect(timing.connected()).toBe(0);
  });

  it('starts the app at once in a background tab, which is not painted until shown', async () => {
    const document = page(SERVER_PAGE);
    Object.defineProperty(document, 'visibilityState', { value: 'hidden' });
    const isDone = settled(afterServerPagePainted(document, paintTiming().view));
    expect(await isDone()).toBe(true);
  });

  it('starts the app at once in a browser without paint timing', async () => {
    const isDone = settled(afterServerPagePainted(page(SERVER_PAGE), paintTiming(['navigation']).view));
    expect(await isDone()).toBe(true);
  });

  it('starts the app after the limit when no paint is reported', async () => {
    vi.useFakeTimers();
    const timing = paintTiming();
    const isDone = settled(afterServerPagePainted(page(SERVER_PAGE), timing.view, 1_000));
    vi.advanceTimersByTime(999);
    expect(await isDone()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await isDone()).toBe(true);
    expect(timing.connected()).toBe(0);
  });
});
