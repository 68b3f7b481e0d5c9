import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Api, formatMoney, messageOf } from '@marketplace/web-portal';
import { downloadCsv } from '../shared/csv';
import { RestText } from '../shared/rest-text';
import { monthsBack, type Statement, statementsQuery } from './statements.models';

/** Months asked for at a time. */
const MONTHS = 6;

/** Monthly statements of the seller ledger (ADR 0018), per currency, each downloadable as CSV (owner only). */
@Component({
  selector: 'sp-statements-page',
  imports: [MatButtonModule, MatProgressBarModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Statements</h1>
    <p>
      Each month's movements of your balance with the platform: sales, commission, refunds, disputes and
      payouts. The CSV lists every entry for your accounting.
    </p>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading statements" />
    }
    @if (failure(); as message) {
      <p class="error" role="alert" data-testid="statements-error">{{ message }}</p>
    }
    @if (!loading() && rows().length === 0 && !failure()) {
      <p class="notice" role="status" data-testid="statements-empty">
        No statements in these months: they appear once you have sold something.
      </p>
    }
    @if (rows().length) {
      <div class="table-scroll" tabindex="0" role="region" aria-label="Statements, scrollable">
        <table mat-table [dataSource]="rows()" aria-label="Monthly statements">
          <ng-container matColumnDef="month">
            <th mat-header-cell *matHeaderCellDef scope="col">Month</th>
            <td mat-cell *matCellDef="let s">{{ s.month }} · {{ s.currency }}</td>
          </ng-container>
          <ng-container matColumnDef="opening">
            <th mat-header-cell *matHeaderCellDef scope="col">Opening</th>
            <td mat-cell *matCellDef="let s">{{ money(s.openingBalance, s.currency) }}</td>
          </ng-container>
          <ng-container matColumnDef="sales">
            <th mat-header-cell *matHeaderCellDef scope="col">Sales</th>
            <td mat-cell *matCellDef="let s">{{ money(s.sales, s.currency) }}</td>
          </ng-container>
          <ng-container matColumnDef="commission">
            <th mat-header-cell *matHeaderCellDef scope="col">Commission</th>
            <td mat-cell *matCellDef="let s">{{ money(s.commission, s.currency) }}</td>
          </ng-container>
          <ng-container matColumnDef="refunds">
            <th mat-header-cell *matHeaderCellDef scope="col">Refunds</th>
            <td mat-cell *matCellDef="let s">{{ money(s.refunds + s.disputes, s.currency) }}</td>
          </ng-container>
          <ng-container matColumnDef="payouts">
            <th mat-header-cell *matHeaderCellDef scope="col">Paid out</th>
            <td mat-cell *matCellDef="let s">{{ money(s.transferred, s.currency) }}</td>
          </ng-container>
          <ng-container matColumnDef="closing">
            <th mat-header-cell *matHeaderCellDef scope="col">Closing</th>
            <td mat-cell *matCellDef="let s" data-testid="statement-closing">
              {{ money(s.closingBalance, s.currency) }}
            </td>
          </ng-container>
          <ng-container matColumnDef="csv">
            <th mat-header-cell *matHeaderCellDef scope="col">
              <span class="visually-hidden">Download</span>
            </th>
            <td mat-cell *matCellDef="let s">
              <button
                mat-stroked-button
                type="button"
                (click)="download(s.month)"
                data-testid="statement-csv"
              >
                CSV<span class="visually-hidden"> of {{ s.month }}</span>
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" data-testid="statement-row"></tr>
        </table>
      </div>
    }
    <div class="actions">
      <button
        mat-stroked-button
        type="button"
        (click)="earlier()"
        [disabled]="loading()"
        data-testid="statements-earlier"
      >
        Earlier months
      </button>
    </div>
    @if (downloadFailure(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
  `,
})
export class StatementsPage {
  private readonly api = inject(Api);
  private readonly rest = inject(RestText);
  protected readonly columns = [
    'month',
    'opening',
    'sales',
    'commission',
    'refunds',
    'payouts',
    'closing',
    'csv',
  ];
  protected readonly rows = signal<Statement[]>([]);
  protected readonly loading = signal(false);
  protected readonly failure = signal('');
  protected readonly downloadFailure = signal('');
  private monthsShown = 0;

  constructor() {
    void this.earlier();
  }

  protected readonly money = formatMoney;

  /** The next `MONTHS` months back, appended (one request for all of them). */
  protected async earlier(): Promise<void> {
    const months = monthsBack(new Date(), MONTHS, this.monthsShown);
    this.loading.set(true);
    this.failure.set('');
    try {
      const data = await this.api.request<Record<string, Statement[]>>(statementsQuery(months));
      this.rows.set([...this.rows(), ...months.flatMap((_, i) => data[`m${i}`] ?? [])]);
      this.monthsShown += MONTHS;
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async download(month: string): Promise<void> {
    this.downloadFailure.set('');
    try {
      downloadCsv(`statement-${month}.csv`, await this.rest.get(`payments/payouts/statements/${month}.csv`));
    } catch (error) {
      this.downloadFailure.set(messageOf(error));
    }
  }
}
