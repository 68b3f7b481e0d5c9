import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, switchMap } from 'rxjs';
import { authFeature } from '../../auth/auth.reducer';
import { loadable, type Loadable } from '../../core/loadable';
import type { Order } from '../../orders/order.models';
import { OrdersApi } from '../../orders/orders-api';
import { OrderSummary } from './order-summary';
import { SignInPrompt } from '../../shared/sign-in-prompt';
import { ErrorMessage, Loading } from '../../shared/state-views';

const LOADING: Loadable<Order> = { status: 'loading' };

@Component({
  selector: 'sf-order-page',
  imports: [RouterLink, OrderSummary, Loading, ErrorMessage, SignInPrompt],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="page">
    @switch (authStatus()) {
      @case ('authenticated') {
        @let o = order();
        @if (o.status === 'ok') {
          <h1>Your order</h1>
          <p><a routerLink="/account/orders">All your orders</a></p>
          <sf-order-summary [order]="o.data" />
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
export class OrderPage {
  private readonly store = inject(Store);
  private readonly orders = inject(OrdersApi);
  readonly id = input.required<string>();
  private readonly id$ = toObservable(this.id);
  protected readonly authStatus = this.store.selectSignal(authFeature.selectStatus);
  protected readonly order = toSignal(
    this.store.select(authFeature.selectStatus).pipe(
      filter((status) => status === 'authenticated'),
      switchMap(() => this.id$),
      switchMap((id) => loadable(this.orders.myOrder(id))),
    ),
    { initialValue: LOADING },
  );
}
