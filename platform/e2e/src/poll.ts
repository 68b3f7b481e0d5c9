/**
 * Polls `probe` every `intervalMs` until it answers something other than undefined; fails once `deadlineMs`
 * have passed since the call, naming what it waited for and what the probe last saw.
 */
export async function pollUntil<T>(
  what: string,
  deadlineMs: number,
  probe: () => Promise<T | undefined>,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
