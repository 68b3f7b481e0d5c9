import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

/** Where staff land when they open an owner-only page (payouts, team). */
@Component({
  selector: 'sp-not-allowed-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Not allowed</h1>
    <p class="error" role="alert" data-testid="not-allowed">
      Only the store owner can open {{ page() || 'this page' }}. Ask your store owner if you need access.
    </p>
    <p><a routerLink="/dashboard">Back to the dashboard</a></p>
  `,
})
export class NotAllowedPage {
  readonly page = input<string>('');
}
