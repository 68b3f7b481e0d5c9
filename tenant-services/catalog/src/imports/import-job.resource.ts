import { z } from 'zod';
import type { ImportJobModel } from './import-job.model';

export const importJobResource = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    total: z.number().int(),
    processed: z.number().int(),
    created: z.number().int().describe('Products created.'),
    errors: z.array(
      z
        .object({
          row: z.number().int().describe('1-based data row (the header row is 0).'),
          column: z.string(),
          message: z.string(),
        })
        .meta({ id: 'ImportRowError' }),
    ),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ProductImportJob' });

export type ImportJobResource = z.input<typeof importJobResource>;

export function toImportJobResource(job: ImportJobModel): ImportJobResource {
  return {
    ...job,
    status: job.status as ImportJobResource['status'],
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
