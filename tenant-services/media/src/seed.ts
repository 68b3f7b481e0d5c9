import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfigOrExit } from '@marketplace/config';
import type { EventsLogger } from '@marketplace/events';
import { KeycloakAdminClient, keycloakAdminConfigFromEnv } from '@marketplace/identity';
import { connectMongo } from '@marketplace/service-kit';
import { runWithContext } from '@marketplace/tenancy';
import sharp from 'sharp';
import { mediaConfigSchema } from './config';
import { MediaRuntime } from './media-runtime';

/**
 * Demo product images for the demo tenants, generated with sharp (no external files) and uploaded through
 * the API's own path: createUpload → PUT to the presigned URL → completeUpload. Idempotent: an image whose
 * file name is already ready for the tenant is reused. Writes `.stack/seed/media.json` for the catalog seed.
 */
const TENANTS = [
  { alias: 'acme-outfitters', palette: ['#c0392b', '#e67e22', '#f1c40f', '#2c3e50', '#16a085', '#8e44ad'] },
  { alias: 'nordic-home', palette: ['#1f3a5f', '#4f6d7a', '#c0d6df', '#dbe9ee', '#a3b18a', '#6b705c'] },
] as const;
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'ring', 'stripes'] as const;
const IMAGES_PER_TENANT = 18;
const SIZE = 1200;

type Shape = (typeof SHAPES)[number];

interface SeededImage {
  mediaId: string;
  filename: string;
  label: string;
  width: number;
  height: number;
}

export interface MediaSeedFile {
  generatedAt: string;
  tenants: Record<string, { tenantId: string; media: SeededImage[] }>;
}

function shapeSvg(shape: Shape, color: string): string {
  const c = SIZE / 2;
  switch (shape) {
    case 'circle':
      return `<circle cx="${c}" cy="${c}" r="${SIZE * 0.3}" fill="${color}"/>`;
    case 'square':
      return `<rect x="${SIZE * 0.22}" y="${SIZE * 0.22}" width="${SIZE * 0.56}" height="${SIZE * 0.56}" rx="40" fill="${color}"/>`;
    case 'triangle':
      return `<polygon points="${c},${SIZE * 0.18} ${SIZE * 0.82},${SIZE * 0.8} ${SIZE * 0.18},${SIZE * 0.8}" fill="${color}"/>`;
    case 'diamond':
      return `<polygon points="${c},${SIZE * 0.15} ${SIZE * 0.85},${c} ${c},${SIZE * 0.85} ${SIZE * 0.15},${c}" fill="${color}"/>`;
    case 'ring':
      return `<circle cx="${c}" cy="${c}" r="${SIZE * 0.28}" fill="none" stroke="${color}" stroke-width="${SIZE * 0.08}"/>`;
    case 'stripes':
      return [0, 1, 2, 3]
        .map(
          (i) =>
            `<rect x="${SIZE * 0.15}" y="${SIZE * (0.2 + i * 0.16)}" width="${SIZE * 0.7}" height="${SIZE * 0.09}" fill="${color}"/>`,
        )
        .join('');
  }
}

interface ImageDesign {
  shape: Shape;
  from: string;
  to: string;
  ink: string;
  solid: boolean;
  label: string;
}

function designOf(index: number, palette: readonly string[]): ImageDesign {
  const shape = SHAPES[index % SHAPES.length]!;
  const from = palette[index % palette.length]!;
  const to = palette[(index + 2) % palette.length]!;
  const ink = palette[(index + 4) % palette.length]!;
  const solid = index % 3 === 0;
  return { shape, from, to, ink, solid, label: `${shape} ${ink} on ${solid ? from : `${from}→${to}`}` };
}

function renderImage(design: ImageDesign): Promise<Buffer> {
  const { shape, from, to, ink, solid } = design;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}">
    <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="${solid ? from : 'url(#bg)'}"/>${shapeSvg(shape, ink)}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function uploadImage(runtime: MediaRuntime, filename: string, design: ImageDesign) {
  const png = await renderImage(design);
  const { media, upload } = await runtime.service.createUpload(
    'tenant',
    { purpose: 'PRODUCT_IMAGE', contentType: 'image/png', sizeBytes: png.length, filename },
    'seed',
  );
  const response = await fetch(upload.url, {
    method: 'PUT',
    body: new Uint8Array(png),
    headers: upload.headers,
  });
  if (!response.ok)
    throw new Error(`Uploading ${filename} failed: HTTP ${response.status} ${await response.text()}`);
  return runtime.service.complete(['tenant'], media._id);
}

async function seedTenant(
  runtime: MediaRuntime,
  tenantId: string,
  alias: string,
  palette: readonly string[],
): Promise<SeededImage[]> {
  return runWithContext({ tenantId, userId: 'seed', traceId: `seed-media-${alias}` }, async () => {
    const seeded: SeededImage[] = [];
    for (let index = 0; index < IMAGES_PER_TENANT; index++) {
      const filename = `seed-${alias}-${String(index + 1).padStart(2, '0')}.png`;
      const design = designOf(index, palette);
      const media =
        (await runtime.service.findReadyByFilename('tenant', filename)) ??
        (await uploadImage(runtime, filename, design));
      seeded.push({
        mediaId: media._id,
        filename,
        label: design.label,
        width: media.width ?? SIZE,
        height: media.height ?? SIZE,
      });
    }
    return seeded;
  });
}

function seedFilePath(): string {
  const stackHome = process.env.STACK_HOME ?? join(resolve(__dirname, '..', '..', '..'), '.stack');
  return join(stackHome, 'seed', 'media.json');
}

const logger: EventsLogger = {
  info: () => undefined,
  warn: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg, ...obj })}\n`),
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...obj })}\n`),
};

async function main(): Promise<void> {
  // The running service's relay publishes the seed's events; the seed itself only writes them.
  const config = { ...loadConfigOrExit(mediaConfigSchema), MEDIA_OUTBOX_RELAY: false };
  const keycloak = new KeycloakAdminClient(keycloakAdminConfigFromEnv());
  const mongo = await connectMongo({ url: config.MONGODB_URL, database: config.MONGODB_DATABASE });
  const runtime = await MediaRuntime.start(config, mongo.db, logger).catch(async (error: unknown) => {
    await mongo.close();
    throw error;
  });
  try {
    const result: MediaSeedFile = { generatedAt: new Date().toISOString(), tenants: {} };
    for (const { alias, palette } of TENANTS) {
      const organization = await keycloak.findOrganizationByAlias(alias);
      if (!organization)
        throw new Error(`Organization ${alias} does not exist: provision the Keycloak realm first`);
      const media = await seedTenant(runtime, organization.id, alias, palette);
      result.tenants[alias] = { tenantId: organization.id, media };
    }
    const file = seedFilePath();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    const counts = Object.entries(result.tenants).map(
      ([alias, tenant]) => `${alias}: ${tenant.media.length}`,
    );
    process.stdout.write(`media seed: ${counts.join(', ')} product images ready; ids in ${file}\n`);
  } finally {
    await runtime.close();
    await mongo.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
