import { Inject, Injectable } from '@nestjs/common';
import {
  InjectLogger,
  type Logger,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '@marketplace/observability';
import { acrossTenants, currentContext, requireTenantId, runWithContext } from '@marketplace/tenancy';
import type { Sweeper } from '@marketplace/service-kit';
import { unguardCsvCell } from '@marketplace/contracts';
import { parse } from 'csv-parse/sync';
import { ulid } from 'ulid';
import { CatalogDatabase } from '../database/catalog-database';
import { createProductSchema } from '../products/product.inputs';
import { ProductsService } from '../products/products.service';
import { CSV_COLUMNS, csvProductRowSchema, REQUIRED_COLUMNS, type CsvProductRow } from './csv-product-row';
import type { ImportJobDocument, ImportRowError } from './import-job.document';
import { crossTenantImportJobs, crossTenantImportLocks } from './import-jobs.repository';

const MAX_ROWS = 10_000;
/** Progress is saved every this many rows. */
const PROGRESS_EVERY = 25;
/** The report keeps this many row errors; `processed - created` still counts every failed row. */
const MAX_REPORTED_ERRORS = 1000;
/** A running job renews its heartbeat this often, even while one row takes long. */
const HEARTBEAT_MS = 10_000;
/** A running job without a heartbeat for this long was cut by a restart (or a crash) and is marked failed. */
export const IMPORT_STALE_AFTER_MS = 60_000;
const INTERRUPTED =
  'The import was interrupted by a restart of the catalog service; import the remaining rows again';

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

/**
 * Bulk product creation from CSV. The file is checked as a whole first (parsable, known header, row
 * limit: else 400 and no job); then a job runs in the background, creating each valid row as a product and
 * reporting each invalid one (row, column, message).
 */
@Injectable()
export class ProductImportService implements Sweeper {
  private readonly running = new Set<Promise<void>>();

  constructor(
    @Inject(CatalogDatabase) private readonly database: CatalogDatabase,
    @Inject(ProductsService) private readonly products: ProductsService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Starts the tenant's import; ConflictError while another import of the tenant is running. */
  async start(csv: string, userId: string): Promise<ImportJobDocument> {
    const rows = parseCsv(csv);
    const tenantId = requireTenantId();
    const now = new Date();
    const job: ImportJobDocument = {
      _id: ulid(),
      tenantId,
      status: 'running',
      total: rows.length,
      processed: 0,
      created: 0,
      errors: [],
      createdBy: userId,
      createdAt: now,
      finishedAt: null,
      heartbeatAt: now,
    };
    await this.takeLock(tenantId, job._id);
    try {
      await this.database.importJobs.insertOne(job);
    } catch (error) {
      await this.releaseLock(job._id);
      throw error;
    }
    const context = { ...currentContext() };
    const run = runWithContext(context, () => this.process(job, rows)).finally(() =>
      this.running.delete(run),
    );
    this.running.add(run);
    return job;
  }

  async get(id: string): Promise<ImportJobDocument> {
    const job = await this.database.importJobs.findOne({ _id: id });
    if (!job) throw new NotFoundError(`Import job ${id} not found`);
    return job;
  }

  /**
   * Marks failed the running jobs of every tenant whose heartbeat stopped (their process was restarted or
   * crashed) and frees their tenants for the next import. A periodic job; also called when a tenant's lock is
   * held by such a job.
   */
  async sweep(): Promise<number> {
    return acrossTenants('catalog.fail-interrupted-imports', async () => {
      const jobs = crossTenantImportJobs(this.database);
      const stale = new Date(Date.now() - IMPORT_STALE_AFTER_MS);
      const interrupted = await jobs.find({
        status: 'running',
        $or: [
          { heartbeatAt: { $lt: stale } },
          { heartbeatAt: { $exists: false }, createdAt: { $lt: stale } },
        ],
      });
      if (interrupted.length === 0) return 0;
      const ids = interrupted.map((job) => job._id);
      await jobs.updateMany(
        { _id: { $in: ids }, status: 'running' },
        { $set: { status: 'failed', failureReason: INTERRUPTED, finishedAt: new Date() } },
      );
      await crossTenantImportLocks(this.database).deleteMany({
        jobId: { $in: ids },
      });
      this.logger.warn({ importJobIds: ids }, 'interrupted product imports marked failed');
      return ids.length;
    });
  }

  private async takeLock(tenantId: string, jobId: string): Promise<void> {
    const lock = { _id: tenantId, tenantId, jobId, createdAt: new Date() };
    try {
      await this.database.importLocks.insertOne(lock);
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const held = await this.database.importLocks.findOne({ _id: tenantId });
    if (held && (await this.sweep()) > 0) return this.takeLock(tenantId, jobId);
    throw new ConflictError(
      `An import of this seller is already running${held ? ` (job ${held.jobId})` : ''}; start the next one when it has finished`,
    );
  }

  private async releaseLock(jobId: string): Promise<void> {
    await this.database.importLocks.deleteOne({ jobId });
  }

  /** Waits for the imports in progress (shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async process(job: ImportJobDocument, rows: Record<string, string>[]): Promise<void> {
    const errors: ImportRowError[] = [];
    let created = 0;
    let processed = 0;
    const heartbeat = setInterval(() => {
      this.database.importJobs
        .updateOne({ _id: job._id, status: 'running' }, { $set: { heartbeatAt: new Date() } })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, importJobId: job._id }, 'import heartbeat failed'),
        );
    }, HEARTBEAT_MS);
    try {
      let saved = 0;
      for (const group of groupRows(rows)) {
        const groupErrors = await this.importProduct(group);
        if (groupErrors.length === 0) created += 1;
        errors.push(...groupErrors);
        processed += group.length;
        if (processed - saved >= PROGRESS_EVERY) {
          saved = processed;
          await this.saveProgress(job._id, processed, created, errors);
        }
      }
      await this.saveProgress(job._id, rows.length, created, errors, 'completed');
    } catch (error) {
      this.logger.error({ err: error, importJobId: job._id }, 'product import failed');
      await this.saveProgress(job._id, processed, created, errors, 'failed').catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
      await this.releaseLock(job._id).catch((error: unknown) =>
        this.logger.error({ err: error, importJobId: job._id }, 'releasing the import lock failed'),
      );
    }
  }

  /** Creates one product from its rows (one per variant), or reports why not, each problem on its row. */
  private async importProduct(group: CsvRowOf[]): Promise<ImportRowError[]> {
    const parsed: { row: number; data: CsvProductRow }[] = [];
    const errors: ImportRowError[] = [];
    for (const { row, cells } of group) {
      const result = csvProductRowSchema.safeParse(cells);
      if (result.success) parsed.push({ row, data: result.data });
      else
        errors.push(
          ...result.error.issues.map((issue) => ({
            row,
            column: String(issue.path[0] ?? ''),
            // Which of the cell's "|"-separated alt texts, counted from 1 as the seller counts the images.
            message:
              issue.path[0] === 'image_alts' && typeof issue.path[1] === 'number'
                ? `alt text ${issue.path[1] + 1}: ${issue.message}`
                : issue.message,
          })),
        );
    }
    if (errors.length > 0) return [...errors, ...refusedWith(group, errors)];
    const first = parsed[0]!;
    const rowOfVariant = (index: number) => parsed[index]?.row ?? first.row;
    try {
      const categoryId = first.data.category ? await this.categoryIdOf(first.data.category) : null;
      const input = createProductSchema.safeParse(
        toProductInput(
          parsed.map((entry) => entry.data),
          categoryId,
        ),
      );
      if (!input.success) {
        const problems = input.error.issues.map((issue) => ({
          row: issue.path[0] === 'variants' ? rowOfVariant(Number(issue.path[1])) : first.row,
          column: columnOf(issue.path),
          message: issue.message,
        }));
        return [...problems, ...refusedWith(group, problems)];
      }
      const product = await this.products.create(input.data);
      if (first.data.status === 'published') await this.products.publish(product._id);
      if (first.data.status === 'archived') await this.products.archive(product._id);
      return [];
    } catch (error) {
      const problem =
        error instanceof ConflictError
          ? {
              row: parsed.find((entry) => error.message.includes(entry.data.sku))?.row ?? first.row,
              column: 'sku',
              message: error.message,
            }
          : error instanceof ValidationError
            ? { row: first.row, column: 'category', message: error.message }
            : null;
      if (!problem) throw error;
      return [problem, ...refusedWith(group, [problem])];
    }
  }

  private async categoryIdOf(reference: string): Promise<string> {
    const category = await this.database.categories.findOne({
      $or: [{ _id: reference }, { slug: reference }],
    });
    if (!category) throw new ValidationError(`unknown category ${reference}`);
    return category._id;
  }

  private async saveProgress(
    id: string,
    processed: number,
    created: number,
    errors: ImportRowError[],
    status?: 'completed' | 'failed',
  ): Promise<void> {
    await this.database.importJobs.updateOne(
      { _id: id },
      {
        $set: {
          processed,
          created,
          errors: errors.slice(0, MAX_REPORTED_ERRORS),
          heartbeatAt: new Date(),
          ...(status ? { status, finishedAt: new Date() } : {}),
        },
      },
    );
  }
}

export function parseCsv(csv: string): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<
      string,
      string
    >[];
  } catch (error) {
    throw new ValidationError(`The CSV cannot be parsed: ${(error as Error).message}`);
  }
  const header = Object.keys(rows[0] ?? {});
  if (rows.length === 0) throw new ValidationError('The CSV has no data rows');
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0)
    throw new ValidationError(`Unknown columns: ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(', ')}`);
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new ValidationError(`Missing columns: ${missing.join(', ')}`);
  if (rows.length > MAX_ROWS) throw new ValidationError(`At most ${MAX_ROWS} rows per import`);
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([column, cell]) => [column, unguardCsvCell(cell)])),
  );
}

/** A data row with its 1-based number. */
export interface CsvRowOf {
  row: number;
  cells: Record<string, string>;
}

/**
 * The rows of each product, in the order of each product's first row: rows sharing a `product` key are one product
 * (wherever they are in the file), a row without a key is a product of its own.
 */
export function groupRows(rows: Record<string, string>[]): CsvRowOf[][] {
  const groups: CsvRowOf[][] = [];
  const byKey = new Map<string, CsvRowOf[]>();
  rows.forEach((cells, index) => {
    const entry = { row: index + 1, cells };
    const key = (cells['product'] ?? '').trim();
    const group = key ? byKey.get(key) : undefined;
    if (group) group.push(entry);
    else {
      groups.push([entry]);
      if (key) byKey.set(key, groups.at(-1)!);
    }
  });
  return groups;
}

/** The other rows of a refused product, each told why it was not imported either. */
function refusedWith(group: CsvRowOf[], problems: ImportRowError[]): ImportRowError[] {
  const refused = new Set(problems.map((problem) => problem.row));
  const first = Math.min(...refused);
  return group
    .filter(({ row }) => !refused.has(row))
    .map(({ row }) => ({
      row,
      column: 'product',
      message: `not imported: row ${first} of the same product was refused`,
    }));
}

/**
 * The createProduct input of one product's parsed rows: product-level cells from the first row, one variant per
 * row. Without an options cell the options are the names and values the variants use, in order of use.
 */
export function toProductInput(rows: CsvProductRow[], categoryId: string | null) {
  const [first] = rows;
  if (!first) throw new Error('a product needs at least one row');
  const used: { name: string; values: string[] }[] = [];
  for (const row of rows)
    for (const { name, value } of row.option_values ?? []) {
      const option = used.find((entry) => entry.name === name) ?? used[used.push({ name, values: [] }) - 1]!;
      if (!option.values.includes(value)) option.values.push(value);
    }
  return {
    title: first.title,
    description: first.description ?? null,
    categoryId,
    currency: first.currency,
    attributes: first.attributes ?? [],
    options: first.options ?? used,
    images: first.images ?? [],
    imageAlts: first.image_alts,
    variants: rows.map((row) => ({
      sku: row.sku,
      optionValues: row.option_values ?? [],
      priceMinor: row.price_minor,
      compareAtMinor: row.compare_at_minor ?? null,
    })),
  };
}

/** Maps a product-input path back to the CSV column it came from. */
function columnOf(path: readonly PropertyKey[]): string {
  const [first, , third] = path.map(String);
  if (first === 'variants')
    return third === 'compareAtMinor'
      ? 'compare_at_minor'
      : third === 'priceMinor'
        ? 'price_minor'
        : third === 'optionValues'
          ? 'option_values'
          : 'sku';
  if (first === 'imageAlts') return 'image_alts';
  return first ?? '';
}
