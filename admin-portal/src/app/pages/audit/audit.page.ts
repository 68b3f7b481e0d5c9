import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Api, listSelection, messageOf, PagedList, pageOf } from '@marketplace/web-portal';

export interface AuditRecord {
  id: string;
  occurredAt: string;
  actorId: string | null;
  service: string;
  action: string;
  tenantId: string | null;
  targetType: string;
  targetId: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  read: boolean;
}

const FIELDS = 'id occurredAt actorId service action tenantId targetType targetId before after reason read';
const AUDIT_LOG = `query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { ${listSelection(FIELDS)} }
}`;
const AUDIT_CSV = 'query AuditLogCsv($filter: AuditLogFilter) { auditLogCsv(filter: $filter) }';
const PAGE_SIZE = 25;

/** "2026-12-02" from a date field → the instant the day starts (UTC), as the API expects. */
function dayStart(value: string, plusDays = 0): string | null {
  if (!value) return null;
  const day = new Date(`${value}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + plusDays);
  return day.toISOString();
}

/** The platform's audit trail: filter, page through newest first, export what is filtered as CSV. */
@Component({
  selector: 'ap-audit-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Audit log</h1>
    <form [formGroup]="filters" (ngSubmit)="search()" class="form-grid" aria-label="Filter the audit log">
      <mat-form-field>
        <mat-label>Tenant id</mat-label>
        <input matInput formControlName="tenantId" data-testid="filter-tenant" />
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Action</mat-label>
        <input matInput formControlName="action" data-testid="filter-action" aria-describedby="action-hint" />
        <mat-hint id="action-hint">e.g. tenant.suspend, or tenant. for all of them</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>From (UTC day)</mat-label>
        <input matInput type="date" formControlName="from" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>To (UTC day, inclusive)</mat-label>
        <input matInput type="date" formControlName="to" />
      </mat-form-field>
      <mat-checkbox formControlName="changesOnly" data-testid="changes-only"
        >Changes only (no reads)</mat-checkbox
      >
      <div class="actions">
        <button mat-flat-button type="submit" data-testid="apply">Apply filters</button>
        <button mat-stroked-button type="button" (click)="exportCsv()" data-testid="export">
          Export CSV
        </button>
      </div>
    </form>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the audit log" />
    }
    @if (list.error() ?? exportError(); as message) {
      <p class="error" role="alert" data-testid="error">{{ message }}</p>
    }
    @if (!loading() && !list.error() && records().length === 0) {
      <p class="notice" data-testid="empty">No audit records match these filters.</p>
    }
    @if (records().length) {
      <div class="table-scroll" tabindex="0" role="region" aria-label="Audit records, scrollable">
        <table
          mat-table
          class="stacked"
          [dataSource]="records()"
          aria-label="Audit records"
          data-testid="audit-table"
        >
          <ng-container matColumnDef="when">
            <th mat-header-cell *matHeaderCellDef scope="col">When (UTC)</th>
            <td mat-cell data-label="When (UTC)" *matCellDef="let r">
              {{ r.occurredAt | date: 'yyyy-MM-dd HH:mm:ss' : 'UTC' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="action">
            <th mat-header-cell *matHeaderCellDef scope="col">Action</th>
            <td mat-cell data-label="Action" *matCellDef="let r">
              <div>
                <code>{{ r.action }}</code>
                @if (r.read) {
                  <span class="status">read</span>
                }
              </div>
            </td>
          </ng-container>
          <ng-container matColumnDef="who">
            <th mat-header-cell *matHeaderCellDef scope="col">Admin</th>
            <td mat-cell data-label="Admin" *matCellDef="let r" class="id">{{ r.actorId ?? 'platform' }}</td>
          </ng-container>
          <ng-container matColumnDef="target">
            <th mat-header-cell *matHeaderCellDef scope="col">Tenant / target</th>
            <td mat-cell data-label="Tenant / target" *matCellDef="let r" class="id">
              <div>
                {{ r.tenantId ?? '—' }}<br />{{ r.targetType }}
                {{ r.targetId !== r.tenantId ? (r.targetId ?? '') : '' }}
              </div>
            </td>
          </ng-container>
          <ng-container matColumnDef="change">
            <th mat-header-cell *matHeaderCellDef scope="col">Before → after</th>
            <td mat-cell data-label="Before → after" *matCellDef="let r" class="change">
              @if (r.before || r.after) {
                <div>
                  <code>{{ r.before ?? '∅' }}</code> → <code>{{ r.after ?? '∅' }}</code>
                </div>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="reason">
            <th mat-header-cell *matHeaderCellDef scope="col">Reason</th>
            <td mat-cell data-label="Reason" *matCellDef="let r" data-testid="reason-cell">
              {{ r.reason ?? '' }}
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" data-testid="audit-row"></tr>
        </table>
      </div>
      @if (hasNextPage()) {
        <div class="actions">
          <button mat-stroked-button type="button" (click)="more()" data-testid="more">Show older</button>
        </div>
      }
    }
  `,
  styles: `
    @media (min-width: 700px) {
      table.mat-mdc-table {
        min-width: 900px;
      }
    }
    .id {
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
    .change code {
      font-size: 12px;
      overflow-wrap: anywhere;
    }
    mat-checkbox,
    form .actions {
      grid-column: 1 / -1;
    }
  `,
})
export class AuditPage {
  /** From the query string, e.g. the seller page's "audit log of this seller" link. */
  readonly tenantId = input<string>('');
  private readonly api = inject(Api);
  protected readonly columns = ['when', 'action', 'who', 'target', 'change', 'reason'];
  protected readonly filters = new FormGroup({
    tenantId: new FormControl('', { nonNullable: true }),
    action: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    changesOnly: new FormControl(false, { nonNullable: true }),
  });
  protected readonly list = new PagedList<AuditRecord>(async (after) => {
    const { auditLog } = await this.api.request<{ auditLog: Parameters<typeof pageOf<AuditRecord>>[0] }>(
      AUDIT_LOG,
      { filter: this.filter(), first: PAGE_SIZE, after },
    );
    return pageOf(auditLog);
  });
  protected readonly records = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly exportError = signal<string | null>(null);
  protected readonly hasNextPage = this.list.hasNextPage;

  constructor() {
    effect(() => {
      this.filters.controls.tenantId.setValue(this.tenantId() ?? '');
      void this.list.reload();
    });
  }

  protected search(): void {
    void this.list.reload();
  }

  protected more(): void {
    void this.list.more();
  }

  protected async exportCsv(): Promise<void> {
    this.exportError.set(null);
    try {
      const { auditLogCsv } = await this.api.request<{ auditLogCsv: string }>(AUDIT_CSV, {
        filter: this.filter(),
      });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([auditLogCsv], { type: 'text/csv;charset=utf-8' }));
      link.download = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      this.exportError.set(messageOf(error));
    }
  }

  private filter(): Record<string, unknown> {
    const value = this.filters.getRawValue();
    return {
      tenantId: value.tenantId.trim() || null,
      action: value.action.trim() || null,
      from: dayStart(value.from),
      to: dayStart(value.to, 1),
      changesOnly: value.changesOnly || null,
    };
  }
}
