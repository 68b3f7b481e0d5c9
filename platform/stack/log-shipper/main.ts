import { join } from 'node:path';
import { LogShipper } from './log-shipper';

/**
 * `npm start` runs this beside the deployables (platform/stack/bin/start): their logs into the local OpenSearch.
 * Env: OPENSEARCH_URL, STACK_LOGS, STACK_RUN (from `stack env`), LOG_INDEX_PREFIX (marketplace-local),
 * LOG_RETENTION_DAYS (7).
 */
async function main(): Promise<void> {
  const required = (name: string) => {
    const value = process.env[name];
    if (!value)
      throw new Error(`${name} is not set (load the stack environment: eval "$(platform/stack/stack env)")`);
    return value;
  };
  const retentionDays = Number(process.env.LOG_RETENTION_DAYS ?? 7);
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new Error(
      `LOG_RETENTION_DAYS must be a whole number of days ≥ 1, not "${process.env.LOG_RETENTION_DAYS}"`,
    );
  let lastError = '';
  const shipper = new LogShipper({
    directory: required('STACK_LOGS'),
    openSearchUrl: required('OPENSEARCH_URL'),
    stateFile: join(required('STACK_RUN'), 'log-shipper.offsets.json'),
    indexPrefix: process.env.LOG_INDEX_PREFIX ?? 'marketplace-local',
    retentionDays,
    onError: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      // Said once per distinct problem, not once per retry.
      if (message !== lastError) console.error(`${new Date().toISOString()} log shipper: ${message}`);
      lastError = message;
    },
  });
  await shipper.start();
  console.error(`${new Date().toISOString()} log shipper: following ${process.env.STACK_LOGS}/app-*.log`);
  const stop = () => void shipper.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`log shipper: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
