import { EXIT_CONFIG, loadConfigOrExit } from '@marketplace/config';
import { connectMongo } from '@marketplace/service-kit';
import { catalogConfigSchema } from './config';
import { CatalogDatabase } from './database/catalog-database';
import { ProductSearchStore } from './search/opensearch/product-search-store';
import { reindexProducts } from './search/opensearch/reindex';

/**
 * Full reindex of buyer search in OpenSearch from MongoDB (`pnpm --dir tenant-services/catalog reindex-search`),
 * with progress on stdout; searches keep answering from the current index until the alias moves (ADR 0041).
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(catalogConfigSchema);
  if (!config.OPENSEARCH_URL) {
    console.error('reindex: OPENSEARCH_URL is not set');
    process.exit(EXIT_CONFIG);
  }
  const mongo = await connectMongo({ url: config.MONGODB_URL, database: config.MONGODB_DATABASE });
  const store = new ProductSearchStore({
    url: config.OPENSEARCH_URL,
    alias: config.OPENSEARCH_INDEX,
    shards: config.OPENSEARCH_SHARDS,
    replicas: config.OPENSEARCH_REPLICAS,
    awsRegion: config.OPENSEARCH_AWS_REGION,
    requestTimeoutMs: 120_000,
  });
  try {
    const report = await reindexProducts(
      new CatalogDatabase(mongo.db, mongo.filterSupport),
      store,
      ({ indexed, total, elapsedMs }) => {
        const rate = Math.round((indexed * 1000) / Math.max(elapsedMs, 1));
        process.stdout.write(`reindex: ${indexed}/${total} products (${rate}/s)\n`);
      },
    );
    process.stdout.write(
      `reindex: ${report.indexed} products in ${report.elapsedMs} ms into ${report.index}; alias ${store.alias} moved` +
        (report.replaced.length > 0 ? `, ${report.replaced.join(', ')} deleted\n` : '\n'),
    );
  } finally {
    await store.close();
    await mongo.close();
  }
}

main().catch((error: unknown) => {
  console.error('reindex failed:', error);
  process.exit(1);
});
