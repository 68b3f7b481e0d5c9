import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

/** One column of a money table: its header (also the row's label on a phone) and what each cell shows. */
export interface MoneyColumn<T> {
  id: string;
  header: string;
  text: (row: T) => string;
  /** A status chip before the text (a transfer's state). */
  status?: (row: T) => string;
  /** The text links to this route (an order id). */
  link?: (row: T) => unknown[];
  testId?: string;
}

/**
 * The back office's tables of money rows (an order's transfers, a seller's ledger entries): a Material table
 * that stacks into one card per row below 700 px, each value labelled with its column's header.
 */
@Component({
  selector: 'ap-money-table',
  imports: [MatTableModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table mat-table class="stacked" [dataSource]="rows()" [attr.aria-label]="label()">
      @for (column of columns(); track column.id) {
        <ng-container [matColumnDef]="column.id">
          <th mat-header-cell *matHeaderCellDef scope="col">{{ column.header }}</th>
          <td
            mat-cell
            *matCellDef="let row"
            [attr.data-label]="column.header"
            [attr.data-testid]="column.testId ?? null"
          >
            <div>
              @if (column.status) {
                <span class="status">{{ column.status(row) }}</span>
                {{ ' ' }}
              }
              @if (column.link) {
                <a class="id" [routerLink]="column.link(row)">{{ column.text(row) }}</a>
              } @else {
                {{ column.text(row) }}
              }
            </div>
          </td>
        </ng-container>
      }
      <tr mat-header-row *matHeaderRowDef="columnIds()"></tr>
      <tr mat-row *matRowDef="let row; columns: columnIds()" [attr.data-testid]="rowTestId()"></tr>
    </table>
  `,
  styles: `
    .id {
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
  `,
})
export class MoneyTable<T> {
  readonly rows = input.required<readonly T[]>();
  readonly columns = input.required<readonly MoneyColumn<T>[]>();
  /** The table's accessible name. */
  readonly label = input.required<string>();
  readonly rowTestId = input<string | null>(null);
  protected readonly columnIds = computed(() => this.columns().map((column) => column.id));
}
