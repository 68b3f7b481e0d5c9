import { ChangeDetectionStrategy, Component, inject, OnDestroy, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Api, listSelection, messageOf, type Page, pageOf } from '@marketplace/web-portal';
import { downloadCsv, headerOf, toCsv } from '../../shared/csv';
import {
  PRODUCT_CSV_COLUMNS,
  PRODUCT_CSV_REQUIRED_COLUMNS,
  productCsvRows,
} from '@marketplace/contracts/product-csv';
import { PRODUCT_DETAIL_FIELDS, type ProductDetail } from './products.models';

/** The catalog's import format, shared with its import (`@marketplace/contracts`, product-csv.ts). */
export const CSV_COLUMNS: readonly string[] = PRODUCT_CSV_COLUMNS;
const REQUIRED: readonly string[] = PRODUCT_CSV_REQUIRED_COLUMNS;
/** The catalog's IMPORT_MAX_BYTES default. */
const MAX_CSV_BYTES = 5 * 1024 * 1024;

interface ImportJob {
  id: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  processed: number;
  created: number;
  errors: { row: number; column: string; message: string }[];
}

const JOB = `query Job($id: ID!) { productImport(id: $id) { id status total processed created errors { row column message } } }`;
const ALL_PRODUCTS = `query Export($after: String) { myProducts(first: 100, after: $after) { ${listSelection(PRODUCT_DETAIL_FIELDS)} } }`;

type RawProducts = Parameters<typeof pageOf<ProductDetail>>[0];

/** Why a file cannot be imported, or '' when it can be sent. */
export function csvProblem(name: string, size: number, text: string): string {
  if (size > MAX_CSV_BYTES) return `${name} is larger than 5 MB; split it into several files.`;
  if (size === 0 || !text.trim()) return `${name} is empty.`;
  const header = headerOf(text);
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length)
    return `${name} is not a product CSV: the first row must name the columns, and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`;
  const unknown = header.filter((column) => !CSV_COLUMNS.includes(column));
  if (unknown.length) return `${name} has unknown columns: ${unknown.join(', ')}.`;
  if (text.split(/\r?\n/).filter((line) => line.trim()).length < 2) return `${name} has no product rows.`;
  return '';
}

/**
 * One CSV row per variant of each product with every column the catalog's import reads (the product's id as the
 * `product` key, category, options, compare-at prices, attributes, pictures), so an export imports back unchanged.
 */
export function exportRows(products: ProductDetail[]): string[][] {
  return [
    [...PRODUCT_CSV_COLUMNS],
    ...products.flatMap((product) =>
      productCsvRows(product).map((row) => PRODUCT_CSV_COLUMNS.map((column) => row[column])),
    ),
  ];
}

@Component({
  selector: 'sp-product-import-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/products">← All products</a></p>
    <h1>Import and export products</h1>
    <h2>Import from CSV</h2>
    <div id="csv-hint">
      <p>
        One row per variant, with the column names in the first row; prices in cents; at most 5 MB. Required:
        {{ required.join(', ') }}. Optional:
      </p>
      <dl class="columns">
        <dt><code>product</code></dt>
        <dd>
          rows with the same key are the variants of one product (title, pictures and the other product cells
          are read from its first row); a row without one is a product of its own
        </dd>
        <dt><code>description</code>, <code>category</code>, <code>compare_at_minor</code></dt>
        <dd>the product's text, its category (id or slug) and the price before a discount</dd>
        <dt><code>attributes</code></dt>
        <dd>name=value pairs separated by ;</dd>
        <dt><code>options</code>, <code>option_values</code></dt>
        <dd>
          the product's options with their values, e.g. Size=S|M;Colour=Black|Red, and the row's variant's
          values, e.g. Size=M;Colour=Red; a backslash before ; = | keeps it as text
        </dd>
        <dt><code>images</code></dt>
        <dd>media ids of uploaded pictures, separated by |</dd>
        <dt><code>image_alts</code></dt>
        <dd>
          the alt text of each picture (what a screen reader says instead of it), in the order of images and
          separated by |; at most 250 characters each, an empty entry for none
        </dd>
        <dt><code>status</code></dt>
        <dd>draft (the default), published or archived</dd>
      </dl>
    </div>
    <label class="file">
      <span>CSV file</span>
      <input
        type="file"
        accept=".csv,text/csv"
        aria-describedby="csv-hint csv-error"
        (change)="start($any($event.target))"
        [disabled]="job()?.status === 'running'"
        data-testid="csv-input"
      />
    </label>
    <p id="csv-error" class="field-error" role="alert" data-testid="csv-error">{{ fileError() }}</p>
    @if (job(); as j) {
      <section aria-labelledby="job-heading" data-testid="import-job">
        <h3 id="job-heading">Import {{ j.status === 'running' ? 'running' : j.status }}</h3>
        <mat-progress-bar
          mode="determinate"
          [value]="j.total ? (j.processed / j.total) * 100 : 0"
          aria-label="Import progress"
        />
        <p role="status" data-testid="import-progress">
          {{ j.processed }} of {{ j.total }} rows read, {{ j.created }} products created,
          {{ j.errors.length }} {{ j.errors.length === 1 ? 'row' : 'rows' }} refused.
        </p>
        @if (j.errors.length) {
          <button mat-stroked-button type="button" (click)="errorReport(j)" data-testid="error-report">
            Download the error report
          </button>
          <ul class="row-errors">
            @for (e of j.errors.slice(0, 20); track $index) {
              <li>Row {{ e.row }}, {{ e.column }}: {{ e.message }}</li>
            }
          </ul>
        }
      </section>
    }
    <h2>Export to CSV</h2>
    <p>Every product, one row per variant, in the columns of the import.</p>
    <button mat-flat-button type="button" (click)="export()" [disabled]="exporting()" data-testid="export">
      Export products
    </button>
    @if (failure(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    .file {
      display: inline-flex;
      flex-direction: column;
      gap: 4px;
    }
    .columns {
      margin: 0 0 16px;
      dt {
        margin-top: 4px;
      }
      dd {
        margin-left: 16px;
      }
    }
    .field-error {
      color: var(--mat-sys-error);
      min-height: 1em;
    }
    h3 {
      font: var(--mat-sys-title-medium);
    }
  `,
})
export class ProductImportPage implements OnDestroy {
  private readonly api = inject(Api);
  protected readonly required = REQUIRED;
  protected readonly job = signal<ImportJob | null>(null);
  protected readonly fileError = signal('');
  protected readonly failure = signal('');
  protected readonly exporting = signal(false);
  private timer: ReturnType<typeof setTimeout> | undefined;

  ngOnDestroy(): void {
    clearTimeout(this.timer);
  }

  protected async start(input: HTMLInputElement): Promise<void> {
    this.fileError.set('');
    this.failure.set('');
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // An oversized file is refused without reading it.
    const text = file.size > MAX_CSV_BYTES ? '' : await file.text();
    const problem = csvProblem(file.name, file.size, text);
    if (problem) {
      this.fileError.set(problem);
      return;
    }
    try {
      this.job.set(await this.api.post<ImportJob>('catalog/products/import', text, 'text/csv'));
      this.poll();
    } catch (error) {
      this.fileError.set(messageOf(error));
    }
  }

  private poll(): void {
    const current = this.job();
    if (!current || current.status !== 'running') return;
    this.timer = setTimeout(async () => {
      try {
        this.job.set(
          (await this.api.request<{ productImport: ImportJob }>(JOB, { id: current.id })).productImport,
        );
        this.poll();
      } catch (error) {
        this.failure.set(messageOf(error));
      }
    }, 700);
  }

  protected errorReport(job: ImportJob): void {
    downloadCsv(
      `import-${job.id}-errors.csv`,
      toCsv([['row', 'column', 'message'], ...job.errors.map((e) => [e.row, e.column, e.message])]),
    );
  }

  protected async export(): Promise<void> {
    this.exporting.set(true);
    this.failure.set('');
    try {
      const products: ProductDetail[] = [];
      let after: string | null = null;
      do {
        const answer = await this.api.request<{ myProducts: RawProducts }>(ALL_PRODUCTS, { after });
        const page: Page<ProductDetail> = pageOf(answer.myProducts);
        products.push(...page.nodes);
        after = page.hasNextPage ? page.endCursor : null;
      } while (after);
      downloadCsv('products.csv', toCsv(exportRows(products)));
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.exporting.set(false);
    }
  }
}
