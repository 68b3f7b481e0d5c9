/**
 * A storefront of its own for the Lighthouse bench, beside the fixed ports of `npm start`: the platform's
 * services and gateway through the e2e harness (own databases, key prefixes and consumer groups), media with
 * it, and the built SSR storefront (`pnpm --dir storefront build`) on a free port, proxying to that gateway.
 * Two sellers publish products with pictures the way the seller portal does (createUpload → PUT to the
 * presigned URL → completeUpload → createProduct with the media ids), so pages carry real renditions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ulid } from 'ulid';
import { passwordToken } from '@marketplace/testing';
import {
  dataOf,
  freePort,
  Marketplace,
  startPlatform,
  type RunningPlatform,
  type Seller,
} from '../../platform/e2e/src';

const STOREFRONT_SERVER = join(
  __dirname,
  '..',
  '..',
  'storefront',
  'dist',
  'storefront',
  'server',
  'server.mjs',
);
/** What a seller's phone or camera typically uploads after the portal's own checks: a large square picture. */
const PICTURE_EDGE = 1600;
const NOUNS = ['chair', 'lamp', 'table', 'shelf', 'rug', 'stool'];
const PRODUCTS_PER_SELLER = 12;
const PICTURES_PER_PRODUCT = 2;

const CREATE_UPLOAD = `mutation($input: CreateUploadInput!) {
  createUpload(input: $input) { mediaId uploadUrl headers { name value } }
}`;
const COMPLETE_UPLOAD = `mutation($id: ID!) { completeUpload(mediaId: $id) { id status } }`;
const CREATE_PRODUCT = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
const PUBLISH_PRODUCT = `mutation($id: ID!) { publishProduct(id: $id) { id } }`;

export interface StorefrontStand {
  url: string;
  /** The gateway the storefront proxies to (another storefront build can be started against it). */
  gateway: string;
  close(): Promise<void>;
}

/**
 * A photo-like JPEG: coarse random colour blotches scaled up smoothly, so it compresses like a photo (neither to
 * nothing like a flat fill nor not at all like pixel noise), and is quick to make on a busy machine.
 */
async function picture(seed: number): Promise<Buffer> {
  const cells = 24;
  const raw = Buffer.alloc(cells * cells * 3);
  let state = seed * 2_654_435_761;
  for (let index = 0; index < raw.length; index++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    raw[index] = state >>> 24;
  }
  return sharp(raw, { raw: { width: cells, height: cells, channels: 3 } })
    .resize(PICTURE_EDGE, PICTURE_EDGE, { kernel: 'cubic' })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function uploadPicture(platform: RunningPlatform, token: string, seed: number): Promise<string> {
  const jpeg = await picture(seed);
  const { createUpload } = dataOf(
    await platform.gql<{
      createUpload: { mediaId: string; uploadUrl: string; headers: { name: string; value: string }[] };
    }>(
      CREATE_UPLOAD,
      {
        input: {
          purpose: 'PRODUCT_IMAGE',
          contentType: 'image/jpeg',
          sizeBytes: jpeg.length,
          filename: `bench-${seed}.jpg`,
        },
      },
      token,
    ),
    'createUpload',
  );
  const headers = Object.fromEntries(
    createUpload.headers
      .filter((header) => header.name.toLowerCase() !== 'content-length')
      .map((header) => [header.name, header.value]),
  );
  const put = await fetch(createUpload.uploadUrl, { method: 'PUT', body: new Uint8Array(jpeg), headers });
  if (!put.ok) throw new Error(`picture upload answered ${put.status}: ${await put.text()}`);
  dataOf(await platform.gql(COMPLETE_UPLOAD, { id: createUpload.mediaId }, token), 'completeUpload');
  return createUpload.mediaId;
}

async function publishProducts(
  platform: RunningPlatform,
  seller: Seller,
  sellerIndex: number,
): Promise<void> {
  const market = new Marketplace(platform);
  for (let index = 0; index < PRODUCTS_PER_SELLER; index++) {
    // Access tokens live 5 minutes, and seeding on a busy machine can take longer.
    const token = await passwordToken(seller.owner.email);
    const fresh = { ...seller, owner: { ...seller.owner, token } };
    const seed = sellerIndex * 100 + index;
    const images = await Promise.all(
      Array.from({ length: PICTURES_PER_PRODUCT }, (_, shot) =>
        uploadPicture(platform, token, seed * 10 + shot),
      ),
    );
    const noun = NOUNS[index % NOUNS.length]!;
    const sku = `LH-${ulid()}`;
    const { createProduct } = dataOf(
      await platform.gql<{ createProduct: { id: string } }>(
        CREATE_PRODUCT,
        {
          input: {
            title: `Oak ${noun} no. ${seed}`,
            description: `A solid oak ${noun}, oiled by hand. Ships flat-packed in recycled cardboard.`,
            currency: 'EUR',
            images,
            attributes: [{ name: 'Material', value: 'Oak' }],
            options: [{ name: 'Finish', values: ['Natural', 'Smoked'] }],
            variants: ['Natural', 'Smoked'].map((finish, variant) => ({
              sku: `${sku}-${variant}`,
              optionValues: [{ name: 'Finish', value: finish }],
              priceMinor: 4_900 + seed * 100 + variant * 500,
            })),
          },
        },
        token,
      ),
      'createProduct',
    );
    dataOf(await platform.gql(PUBLISH_PRODUCT, { id: createProduct.id }, token), 'publishProduct');
    for (let variant = 0; variant < 2; variant++) await market.setStock(fresh, `${sku}-${variant}`, 25);
  }
}

/** The catalog indexes published products after the write answers; searches find them shortly after. */
async function waitUntilSearchable(platform: RunningPlatform, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answer = await platform.gql<{ products: { totalCount: number } }>(
      `query { products(first: 1) { totalCount } }`,
    );
    if ((answer.data?.products.totalCount ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the catalog did not list the ${count} seeded products in time`);
}

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the storefront server exited with ${server.exitCode}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the storefront at ${url} did not become ready`);
}

/** Starts the platform, seeds the catalog and starts the built storefront in front of it. */
export async function startStorefrontStand(): Promise<StorefrontStand> {
  if (!existsSync(STOREFRONT_SERVER))
    throw new Error(
      `${STOREFRONT_SERVER} is missing: build the storefront first (pnpm --dir storefront build)`,
    );
  const platform = await startPlatform({ media: true });
  let server: ChildProcess | undefined;
  const close = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await platform.close();
  };
  try {
    const market = new Marketplace(platform);
    const sellers = await Promise.all([market.seller(), market.seller()]);
    await Promise.all(sellers.map((seller, index) => publishProducts(platform, seller, index)));
    await waitUntilSearchable(platform, sellers.length * PRODUCTS_PER_SELLER);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [STOREFRONT_SERVER], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        STOREFRONT_GRAPHQL_UPSTREAM: `${platform.urls.gateway}/graphql`,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitUntilReady(url, server);
    return { url, gateway: platform.urls.gateway, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

// Run alone, it keeps the stand up until interrupted (to measure several storefront builds against one catalog).
if (require.main === module) {
  startStorefrontStand().then(
    (stand) => {
      console.log(`storefront ${stand.url}  gateway ${stand.gateway}  (Ctrl-C stops everything)`);
      const stop = () => void stand.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
