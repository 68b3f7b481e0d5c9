import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export type RawBodyRequest = FastifyRequest & { rawBody?: Buffer };

/**
 * Keeps the exact request bytes of `paths` on `request.rawBody` (signatures are computed over them) and still
 * lets Fastify parse the JSON as usual. Other routes are untouched.
 */
export function keepRawBody(
  fastify: FastifyInstance,
  paths: readonly string[],
  limitBytes = 1024 * 1024,
): void {
  fastify.addHook('preParsing', async (request: RawBodyRequest, _reply, payload) => {
    if (!paths.includes(request.url.split('?')[0] ?? '')) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > limitBytes) throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
      chunks.push(buffer);
    }
    request.rawBody = Buffer.concat(chunks);
    return Readable.from([request.rawBody]);
  });
}
