/**
 * Stops what a bench started when it is interrupted (Ctrl-C, a CI job cancelled): private servers run detached, so
 * nothing else would stop them. `close` runs once, its failures ignored, then the process exits with 130.
 */
export function stopOnInterrupt(bench: string, close: () => Promise<void>): void {
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`${bench}: ${signal}; stopping its services and private servers…`);
    void close()
      .catch(() => undefined)
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
}
