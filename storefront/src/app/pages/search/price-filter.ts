import { ChangeDetectionStrategy, Component, model, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

/**
 * The search page's price range form. A component of its own because @angular/forms has no standalone
 * directives: only so can the page defer it (ADR 0063) and keep forms and form-field code out of its first load.
 */
@Component({
  selector: 'sf-price-filter',
  imports: [FormsModule, MatFormField, MatLabel, MatInput, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<form class="price-form" (ngSubmit)="apply.emit()">
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Min</mat-label>
      <input
        matInput
        name="minPrice"
        inputmode="decimal"
        pattern="\\d+(\\.\\d+)?"
        [(ngModel)]="min"
        data-testid="min-price"
      />
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Max</mat-label>
      <input
        matInput
        name="maxPrice"
        inputmode="decimal"
        pattern="\\d+(\\.\\d+)?"
        [(ngModel)]="max"
        data-testid="max-price"
      />
    </mat-form-field>
    <button mat-stroked-button type="submit">Apply price</button>
  </form>`,
  styles: `
    .price-form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      margin-top: 8px;
      mat-form-field {
        width: 96px;
      }
    }
  `,
})
export class PriceFilter {
  /** The range as typed, in major units of the search's currency. */
  readonly min = model('');
  readonly max = model('');
  readonly apply = output<void>();
}
