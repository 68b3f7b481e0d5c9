import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';
import { STATUS_LABEL, type TenantStatus } from './sellers.models';

interface TenantExport {
  id: string;
  requestedAt: string;
  partsExpected: number;
  servicesExpected: string[];
  parts: { service: string; records: number }[];
  completedAt: string | null;
  archiveBytes: number | null;
  downloadUrl: string | null;
  downloadUrlExpiresAt: string | null;
}

interface TenantDeletion {
  id: string;
  reason: string;
  requestedAt: string;
  completedAt: string | null;
  services: { service: string; confirmedAt: string | null; deleted: number; anonymized: number }[];
}

const EXPORT_FIELDS =
  'id requestedAt partsExpected servicesExpected parts { service records } completedAt archiveBytes downloadUrl ' +
  'downloadUrlExpiresAt';
const DELETION_FIELDS =
  'id reason requestedAt completedAt services { service confirmedAt deleted anonymized }';
const PROGRESS = `query Offboarding($id: ID!) {
  tenantExports(tenantId: $id) { ${EXPORT_FIELDS} }
  tenantDeletion(tenantId: $id) { ${DELETION_FIELDS} }
}`;
const REQUEST_EXPORT = `mutation RequestExport($id: ID!) { requestTenantExport(tenantId: $id) { ${EXPORT_FIELDS} } }`;
const REQUEST_DELETION = `mutation RequestDeletion($id: ID!, $reason: String!) {
  requestTenantDeletion(tenantId: $id, reason: $reason) { ${DELETION_FIELDS} }
}`;

/** While an export or deletion runs, its progress is read again this often. */
const POLL_MS = 2000;

/**
 * The seller's offboarding (ADR 0038): export everything it owns as one archive, and delete it across every
 * service (only once suspended, with the seller's store address typed to confirm and a reason), with the progress
 * of each service.
 */
@Component({
  selector: 'ap-seller-offboarding',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="offboarding-caption">Offboarding</h2>
    <section aria-labelledby="offboarding-caption" data-testid="offboarding">
      <h3>Export</h3>
      <p>
        One archive of everything the seller owns: catalog, media, orders, ledger, staff, webhooks, reviews.
      </p>
      @if (running(); as e) {
        <p role="status" data-testid="export-progress">
          Collecting the export of {{ e.requestedAt | date: 'medium' }}: {{ e.parts.length }} of
          {{ e.partsExpected }} services have written their part.
        </p>
        <mat-progress-bar
          mode="determinate"
          [value]="(100 * e.parts.length) / e.partsExpected"
          aria-label="Export progress"
        />
        <ul class="services" aria-label="Export parts per service">
          @for (service of e.servicesExpected; track service) {
            <li data-testid="export-service">
              <span class="name">{{ service }}</span>
              @if (recordsOf(e, service); as part) {
                <span class="status">written</span> {{ part.records }} records
              } @else {
                <span class="status">waiting</span>
              }
            </li>
          }
        </ul>
      }
      @if (ready(); as e) {
        <p role="status" data-testid="export-ready">
          Export of {{ e.requestedAt | date: 'medium' }} is ready ({{ kib(e.archiveBytes) }} KiB).
        </p>
        @if (e.downloadUrl) {
          <p class="download">
            <a mat-flat-button [href]="e.downloadUrl" download data-testid="export-download"
              >Download archive</a
            >
            <span data-testid="export-expiry"
              >The link works until {{ e.downloadUrlExpiresAt | date: 'mediumTime' }} (for
              {{ ttlMinutes(e) }} minutes from when this page read it).</span
            >
            <button mat-button type="button" (click)="refresh()" data-testid="export-new-link">
              Get a new link
            </button>
          </p>
        }
      }
      @if (deleting()) {
        <p class="notice" data-testid="export-deleted">
          The seller's data is deleted (or being deleted): there is nothing left to export.
        </p>
      } @else {
        <div class="actions">
          <button
            mat-stroked-button
            type="button"
            (click)="requestExport()"
            [disabled]="running() !== null || busy()"
            data-testid="request-export"
          >
            Export everything
          </button>
        </div>
      }
      @if (earlier().length) {
        <h4>Earlier exports</h4>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Earlier exports, scrollable">
          <table class="plain-table" aria-label="Earlier exports" data-testid="export-history">
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">State</th>
                <th scope="col">Size</th>
              </tr>
            </thead>
            <tbody>
              @for (e of earlier(); track e.id) {
                <tr>
                  <td>{{ e.requestedAt | date: 'short' }}</td>
                  <td>
                    {{
                      e.completedAt ? 'ready' : e.parts.length + ' of ' + e.partsExpected + ' parts written'
                    }}
                  </td>
                  <td>
                    @if (e.downloadUrl) {
                      <a [href]="e.downloadUrl" download
                        >{{ kib(e.archiveBytes) }} KiB<span class="visually-hidden">
                          archive of {{ e.requestedAt | date: 'short' }}</span
                        ></a
                      >
                    } @else {
                      –
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      <h3>Delete</h3>
      @if (deletion(); as d) {
        <p role="status" data-testid="deletion-status">
          @if (d.completedAt) {
            Deleted on {{ d.completedAt | date: 'medium' }}: every service confirmed. Orders and ledger
            entries are kept anonymized.
          } @else {
            Deleting: {{ confirmedCount() }} of {{ d.services.length }} services confirmed.
          }
        </p>
        <p>Reason: {{ d.reason }}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Deletion per service, scrollable">
          <table class="plain-table" aria-label="Deletion per service">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Confirmed</th>
                <th scope="col">Deleted</th>
                <th scope="col">Kept anonymized</th>
              </tr>
            </thead>
            <tbody>
              @for (s of d.services; track s.service) {
                <tr data-testid="deletion-service">
                  <td>{{ s.service }}</td>
                  <td>
                    @if (s.confirmedAt) {
                      <span class="status">confirmed</span> {{ s.confirmedAt | date: 'mediumTime' }}
                    } @else {
                      <span class="status">waiting</span>
                    }
                  </td>
                  <td>{{ s.deleted }}</td>
                  <td>{{ s.anonymized }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else if (status() !== 'SUSPENDED') {
        <p class="notice" role="status" data-testid="deletion-needs-suspension">
          Deletion is refused while the seller is {{ statusLabel[status()].toLowerCase() }}: suspend it first,
          so its products are hidden and its payouts held while the services take its data apart.
        </p>
      } @else {
        <p>
          Deletes the seller's data in every service, its organization and API clients. Orders and ledger
          entries are kept anonymized, as the law requires. This cannot be undone.
        </p>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Reason for deletion</mat-label>
          <textarea matInput [formControl]="reason" rows="2" data-testid="deletion-reason"></textarea>
          @if (reason.invalid && reason.touched) {
            <mat-error>{{ reasonError() }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Type the store address to confirm</mat-label>
          <input
            matInput
            [formControl]="confirmation"
            autocomplete="off"
            spellcheck="false"
            data-testid="deletion-confirmation"
            aria-describedby="deletion-confirmation-hint"
          />
          <mat-hint id="deletion-confirmation-hint">Type “{{ sellerAlias() }}”</mat-hint>
          @if (confirmation.invalid && confirmation.touched) {
            <mat-error data-testid="deletion-confirmation-error">{{ confirmationError() }}</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          <button
            mat-flat-button
            class="danger"
            type="button"
            (click)="requestDeletion()"
            [disabled]="busy()"
            data-testid="request-deletion"
          >
            Delete this seller
          </button>
        </div>
      }
      @if (error(); as message) {
        <p class="error" role="alert" data-testid="offboarding-error">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    .plain-table {
      border-collapse: collapse;
      min-width: 100%;
    }
    .plain-table th,
    .plain-table td {
      text-align: left;
      padding: 4px 12px 4px 0;
    }
    .services {
      list-style: none;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 4px 16px;
    }
    .services .name {
      display: inline-block;
      min-width: 7.5rem;
    }
    .download {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
    }
    .danger {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    mat-form-field {
      display: block;
      max-width: 480px;
      margin-bottom: 8px;
    }
  `,
})
export class SellerOffboarding {
  readonly sellerId = input.required<string>();
  readonly sellerAlias = input.required<string>();
  readonly status = input.required<TenantStatus>();
  /** The deletion completed: every service confirmed. */
  readonly deleted = output<void>();
  private readonly api = inject(Api);
  protected readonly statusLabel = STATUS_LABEL;
  /** Newest first. */
  protected readonly exports = signal<TenantExport[]>([]);
  protected readonly deletion = signal<TenantDeletion | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(3), Validators.maxLength(1000)],
  });
  /** Checked against the store address on submit (the inputs are not known yet when the control is made). */
  protected readonly confirmation = new FormControl('', { nonNullable: true });
  /** The latest export while its parts are still being written. */
  protected readonly running = computed(() => {
    const latest = this.exports()[0];
    return latest && !latest.completedAt ? latest : null;
  });
  /** The newest finished export. */
  protected readonly ready = computed(() => this.exports().find((e) => e.completedAt) ?? null);
  protected readonly earlier = computed(() =>
    this.exports().filter((e) => e !== this.running() && e !== this.ready()),
  );
  /** Deletion requested or done: its exports went with it, and no new one may start. */
  protected readonly deleting = computed(() => this.deletion() !== null);
  protected readonly confirmedCount = computed(
    () => this.deletion()?.services.filter((service) => service.confirmedAt).length ?? 0,
  );
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the download links were read, to say how long they work. */
  private readAt = Date.now();

  constructor() {
    effect(() => void this.load(this.sellerId()));
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected reasonError(): string {
    return fieldError(this.reason, 'Reason');
  }

  protected confirmationError(): string {
    return this.confirmation.value.trim()
      ? `That is not this seller's store address (“${this.sellerAlias()}”): nothing was deleted.`
      : "Type the seller's store address to confirm.";
  }

  protected recordsOf(e: TenantExport, service: string): { records: number } | undefined {
    return e.parts.find((part) => part.service === service);
  }

  protected kib(bytes: number | null): string {
    return ((bytes ?? 0) / 1024).toFixed(1);
  }

  protected ttlMinutes(e: TenantExport): number {
    return Math.round((Date.parse(e.downloadUrlExpiresAt ?? '') - this.readAt) / 60_000);
  }

  protected refresh(): void {
    void this.load(this.sellerId());
  }

  protected async requestExport(): Promise<void> {
    await this.act(async () => {
      const { requestTenantExport } = await this.api.request<{ requestTenantExport: TenantExport }>(
        REQUEST_EXPORT,
        { id: this.sellerId() },
      );
      this.exports.update((list) => [requestTenantExport, ...list]);
    });
  }

  /** Refused here unless a reason is given and the store address typed matches; the service refuses the rest. */
  protected async requestDeletion(): Promise<void> {
    this.reason.markAsTouched();
    this.confirmation.markAsTouched();
    if (this.confirmation.value.trim() !== this.sellerAlias()) this.confirmation.setErrors({ alias: true });
    if (this.reason.invalid || this.confirmation.invalid) return;
    await this.act(async () => {
      const { requestTenantDeletion } = await this.api.request<{ requestTenantDeletion: TenantDeletion }>(
        REQUEST_DELETION,
        { id: this.sellerId(), reason: this.reason.value.trim() },
      );
      this.deletion.set(requestTenantDeletion);
    });
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
      this.schedule();
    } catch (error) {
      this.error.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(id: string): Promise<void> {
    try {
      const answer = await this.api.request<{
        tenantExports: TenantExport[];
        tenantDeletion: TenantDeletion | null;
      }>(PROGRESS, { id });
      this.readAt = Date.now();
      this.exports.set(answer.tenantExports);
      this.deletion.set(answer.tenantDeletion);
      if (answer.tenantDeletion?.completedAt) this.deleted.emit();
      this.schedule();
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }

  /** Reads the progress again while an export or a deletion is still running. */
  private schedule(): void {
    clearTimeout(this.timer);
    const deletion = this.deletion();
    if (this.running() || (deletion && !deletion.completedAt))
      this.timer = setTimeout(() => void this.load(this.sellerId()), POLL_MS);
  }
}
