import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MyOrder } from '../account/my-order';

@Component({
  selector: 'sf-confirmation-page',
  imports: [RouterLink, MyOrder],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sf-my-order [orderId]="id()">
    <h1 data-testid="confirmation-heading">Thank you, your order is placed</h1>
    <p>We sent it to each seller. Follow it in <a routerLink="/account/orders">your orders</a>.</p>
  </sf-my-order>`,
  // The heading wraps on a phone: its line height must come with its size (the body's would overlap the lines).
  styles: `
    h1 {
      font: var(--mat-sys-headline-medium);
    }
  `,
})
export class ConfirmationPage {
  readonly id = input.required<string>();
}
