import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MyOrder } from './my-order';

@Component({
  selector: 'sf-order-page',
  imports: [RouterLink, MyOrder],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sf-my-order [orderId]="id()">
    <h1>Your order</h1>
    <p><a routerLink="/account/orders">All your orders</a></p>
  </sf-my-order>`,
})
export class OrderPage {
  readonly id = input.required<string>();
}
