import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

@Component({
  selector: 'sf-loading',
  imports: [MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="loading" role="status">
    <mat-spinner diameter="32" aria-hidden="true" /><span>{{ label() }}</span>
  </div>`,
  styles: `
    .loading {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 24px 0;
    }
  `,
})
export class Loading {
  readonly label = input('Loading…');
}

@Component({
  selector: 'sf-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="error" role="alert">{{ message() }}</p>`,
})
export class ErrorMessage {
  readonly message = input.required<string>();
}
