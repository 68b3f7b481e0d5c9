import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import type { OffboardingObjects } from '@marketplace/offboarding';

/**
 * One tar.gz of every object under `partsPrefix` (each service's JSON Lines and copied media), named by their
 * path below it (`catalog/products.jsonl`, `media/objects/…`) plus a `manifest.json` first. Built in memory:
 * a seller's records are megabytes, and the media originals are bounded by the tenant's quota.
 */
export async function buildExportArchive(
  objects: OffboardingObjects,
  partsPrefix: string,
  manifest: unknown,
): Promise<Buffer> {
  const archive = pack();
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
    archive.on('error', reject);
  });
  archive.pipe(gzip);
  const entry = (name: string, body: Buffer) =>
    new Promise<void>((resolve, reject) =>
      archive.entry({ name, size: body.length, mtime: new Date() }, body, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  await entry('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  for (const { key } of await objects.list(`${partsPrefix}/`))
    await entry(key.slice(partsPrefix.length + 1), await objects.get(key));
  archive.finalize();
  await finished;
  return Buffer.concat(chunks);
}
