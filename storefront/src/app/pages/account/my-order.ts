import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Store } from '@ngrx/store';
import { filter, switchMap } from 'rxjs';
import { authFeature } from '../../auth/auth.reducer';
import { loadable, type Loadable } from '../../core/loadable';
import type { Order } from '../../orders/order.models';
import { OrdersApi } from '../../orders/orders-api';
import { SignInPrompt } from '../../shared/sign-in-prompt';
import { ErrorMessage, Loading } from '../../shared/state-views';
import { OrderSummary } from './order-summary';
import { WriteReviews } from './write-reviews';

const LOADING: Loadable<Order> = { status: 'loading' };

/**
 * One of the signed-in buyer's orders, loaded by id once the sign-in is known. The projected content (heading
 * and introduction) is shown above the summary when the order loaded; every other state has its own heading.
 */
@Component({
  selector: 'sf-my-order',
  imports: [OrderSummary, WriteReviews, Loading, ErrorMessage, SignInPrompt],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="page">
    @switch (authStatus()) {
      @case ('authenticated') {
        @let o = order();
        @if (o.status === 'ok') {
          <ng-content />
          <sf-order-summary [order]="o.data" />
          <sf-write-reviews [order]="o.data" />
        } @else if (o.status === 'error') {
          <h1>Your order</h1>
          <sf-error [message]="o.message" />
        } @else {
          <sf-loading label="Loading your order…" />
        }
      }
      @case ('unknown') {
        <sf-loading label="Checking your sign-in…" />
      }
      @default {
        <h1>Your order</h1>
        <sf-sign-in-prompt reason="Sign in to see your order." />
      }
    }
  </div>`,
})
export class MyOrder {
  private readonly store = inject(Store);
  private readonly orders = inject(OrdersApi);
  readonly orderId = input.required<string>();
  private readonly orderId$ = toObservable(this.orderId);
  protected readonly authStatus = this.store.selectSignal(authFeature.selectStatus);
  protected readonly order = toSignal(
    this.store.select(authFeature.selectStatus).pipe(
      filter((status) => status === 'authenticated'),
      switchMap(() => this.orderId$),
      switchMap((id) => loadable(this.orders.myOrder(id))),
    ),
    { initialValue: LOADING },
  );
}
