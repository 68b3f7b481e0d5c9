import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';
import type { TenantStatus } from './sellers.models';

interface TenantExport {
  id: string;
  requestedAt: string;
  partsExpected: number;
  parts: { service: string; records: number }[];
  completedAt: string | null;
  archiveBytes: number | null;
  downloadUrl: string | null;
}

interface TenantDeletion {
  id: string;
  reason: string;
  requestedAt: string;
  completedAt: string | null;
  services: { service: string; confirmedAt: string | null; deleted: number; anonymized: number }[];
}

const EXPORT_FIELDS =
  'id requestedAt partsExpected parts { service records } completedAt archiveBytes downloadUrl';
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
 * service (only once suspended, with the seller's name typed to confirm and a reason), with the progress of each.
 */
@Component({
  selector: 'ap-seller-offboarding',
  imports: [
    DatePipe,
    DecimalPipe,
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
      @if (latestExport(); as e) {
        @if (e.completedAt) {
          <p role="status" data-testid="export-ready">
            Export of {{ e.requestedAt | date: 'medium' }} is ready ({{
              (e.archiveBytes ?? 0) / 1024 | number: '1.0-1'
            }}
            KiB).
            @if (e.downloadUrl) {
              <a mat-button [href]="e.downloadUrl" download data-testid="export-download">Download archive</a>
            }
          </p>
        } @else {
          <p role="status" data-testid="export-progress">
            Collecting: {{ e.parts.length }} of {{ e.partsExpected }} services have written their part.
          </p>
          <mat-progress-bar
            mode="determinate"
            [value]="(100 * e.parts.length) / e.partsExpected"
            aria-label="Export progress"
          />
        }
      }
      <div class="actions">
        <button
          mat-stroked-button
          type="button"
          (click)="requestExport()"
          [disabled]="exportRunning() || busy()"
          data-testid="request-export"
        >
          Export everything
        </button>
      </div>

      <h3>Delete</h3>
      @if (deletion(); as d) {
        <p role="status" data-testid="deletion-status">
          @if (d.completedAt) {
            Deleted on {{ d.completedAt | date: 'medium' }}. Orders and ledger entries are kept anonymized.
          } @else {
            Deleting: {{ confirmedCount() }} of {{ d.services.length }} services confirmed.
          }
        </p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Deletion per service, scrollable">
          <table class="services" aria-label="Deletion per service">
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
                <tr>
                  <td>{{ s.service }}</td>
                  <td>{{ s.confirmedAt ? (s.confirmedAt | date: 'mediumTime') : 'waiting' }}</td>
                  <td>{{ s.deleted }}</td>
                  <td>{{ s.anonymized }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else if (status() !== 'SUSPENDED') {
        <p class="notice" data-testid="deletion-needs-suspension">
          Suspend the seller first: deletion is only possible while its products are hidden and payouts held.
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
          <mat-label>Type the seller's name to confirm</mat-label>
          <input
            matInput
            [formControl]="confirmation"
            autocomplete="off"
            data-testid="deletion-confirmation"
          />
          <mat-hint>{{ sellerName() }}</mat-hint>
        </mat-form-field>
        <div class="actions">
          <button
            mat-flat-button
            color="warn"
            type="button"
            (click)="requestDeletion()"
            [disabled]="!confirmed() || busy()"
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
    .services {
      border-collapse: collapse;
      min-width: 100%;
    }
    .services th,
    .services td {
      text-align: left;
      padding: 4px 12px 4px 0;
    }
    mat-form-field {
      display: block;
      max-width: 480px;
    }
  `,
})
export class SellerOffboarding {
  readonly sellerId = input.required<string>();
  readonly sellerName = input.required<string>();
  readonly status = input.required<TenantStatus>();
  private readonly api = inject(Api);
  protected readonly exports = signal<TenantExport[]>([]);
  protected readonly deletion = signal<TenantDeletion | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(3), Validators.maxLength(1000)],
  });
  protected readonly confirmation = new FormControl('', { nonNullable: true });
  private readonly typed = signal('');
  protected readonly latestExport = computed(() => this.exports()[0] ?? null);
  protected readonly exportRunning = computed(() => {
    const latest = this.latestExport();
    return latest !== null && !latest.completedAt;
  });
  protected readonly confirmedCount = computed(
    () => this.deletion()?.services.filter((service) => service.confirmedAt).length ?? 0,
  );
  protected readonly confirmed = computed(() => this.typed().trim() === this.sellerName());
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.confirmation.valueChanges.subscribe((value) => this.typed.set(value));
    effect(() => void this.load(this.sellerId()));
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected reasonError(): string {
    return fieldError(this.reason, 'Reason');
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

  protected async requestDeletion(): Promise<void> {
    this.reason.markAsTouched();
    if (this.reason.invalid || !this.confirmed()) return;
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
      this.exports.set(answer.tenantExports);
      this.deletion.set(answer.tenantDeletion);
      this.schedule();
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }

  /** Reads the progress again while an export or a deletion is still running. */
  private schedule(): void {
    clearTimeout(this.timer);
    const deleting = this.deletion() !== null && !this.deletion()!.completedAt;
    if (this.exportRunning() || deleting)
      this.timer = setTimeout(() => void this.load(this.sellerId()), POLL_MS);
  }
}
