import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';

const SET_RATE = `mutation SetRate($id: ID!, $bps: Int!, $reason: String!) {
  setCommissionRate(id: $id, commissionBps: $bps, reason: $reason) { id commissionBps }
}`;

/** The seller's own commission rate (tenants service), changed with a reason for the audit log. */
@Component({
  selector: 'ap-seller-commission',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" class="rate" aria-labelledby="rate-caption">
      <h2 id="rate-caption">Commission rate</h2>
      <p class="notice">
        This seller's rate, used where no commission rule applies; a change applies to new order lines only.
      </p>
      <div class="fields">
        <mat-form-field>
          <mat-label>Rate (%)</mat-label>
          <input matInput formControlName="percent" inputmode="decimal" data-testid="rate-percent" />
          @if (form.controls.percent.invalid && form.controls.percent.touched) {
            <mat-error>A percentage from 0 to 100 with at most two decimals.</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Reason</mat-label>
          <input matInput formControlName="reason" data-testid="rate-reason" />
          @if (form.controls.reason.invalid && form.controls.reason.touched) {
            <mat-error>{{ reasonError() }}</mat-error>
          }
        </mat-form-field>
      </div>
      <button mat-stroked-button type="submit" [disabled]="busy()" data-testid="save-rate">
        Save the rate
      </button>
      @if (done(); as message) {
        <p role="status" data-testid="rate-done">{{ message }}</p>
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
    </form>
  `,
  styles: `
    .rate {
      margin-top: 16px;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .fields .wide {
      flex: 1 1 260px;
      max-width: 480px;
    }
  `,
})
export class SellerCommission {
  readonly sellerId = input.required<string>();
  readonly commissionBps = input.required<number>();
  readonly changed = output<number>();
  private readonly api = inject(Api);
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    percent: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{1,3}(\.\d{1,2})?$/), Validators.max(100)],
    }),
    reason: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(1000)],
    }),
  });

  constructor() {
    effect(() => this.form.controls.percent.setValue(String(this.commissionBps() / 100)));
  }

  protected reasonError(): string {
    const control = this.form.controls.reason;
    return control.hasError('required') || control.hasError('minlength')
      ? 'A reason of at least 3 characters is required.'
      : fieldError(control, 'Reason');
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    this.done.set(null);
    this.error.set(null);
    if (this.form.invalid) return;
    const { percent, reason } = this.form.getRawValue();
    const bps = Math.round(Number(percent) * 100);
    this.busy.set(true);
    try {
      await this.api.request(SET_RATE, { id: this.sellerId(), bps, reason: reason.trim() });
      this.done.set(`Saved: ${bps / 100} % for new order lines.`);
      this.form.controls.reason.reset();
      this.changed.emit(bps);
    } catch (error) {
      this.error.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
