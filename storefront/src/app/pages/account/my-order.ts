import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Store } from '@ngrx/store';
import { catchError, concat, EMPTY, filter, map, switchMap } from 'rxjs';
import { authFeature } from '../../auth/auth.reducer';
import { LiveUpdates } from '../../core/live-updates';
import { loadable, type Loadable } from '../../core/loadable';
import type { Order } from '../../orders/order.models';
import { OrdersApi } from '../../orders/orders-api';
import { SignInPrompt } from '../../shared/sign-in-prompt';
import { ErrorMessage, Loading } from '../../shared/state-views';
import { OrderSummary } from './order-summary';
import { WriteReviews } from './write-reviews';

const LOADING: Loadable<Order> = { status: 'loading' };

/**
 * One of the signed-in buyer's orders, loaded by id once the sign-in is known, and loaded again (without a
 * spinner) whenever a live event says it changed: paid, shipped with tracking, delivered, refunded. The projected content (heading
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
  private readonly live = inject(LiveUpdates);
  readonly orderId = input.required<string>();
  private readonly orderId$ = toObservable(this.orderId);
  protected readonly authStatus = this.store.selectSignal(authFeature.selectStatus);
  protected readonly order = toSignal(
    this.store.select(authFeature.selectUser).pipe(
      filter((user) => user !== null),
      switchMap((user) =>
        this.orderId$.pipe(
          switchMap((id) => concat(loadable(this.orders.myOrder(id)), this.changesOf(user.id, id))),
        ),
      ),
    ),
    { initialValue: LOADING },
  );

  private changesOf(userId: string, orderId: string) {
    return this.live.myOrders(userId).pipe(
      filter((signal) => signal.type === 'reset' || signal.data['buyerOrderId'] === orderId),
      switchMap(() =>
        this.orders.myOrder(orderId).pipe(
          map((data): Loadable<Order> => ({ status: 'ok', data })),
          // The order on screen stays as it is when a refresh fails; the next event tries again.
          catchError(() => EMPTY),
        ),
      ),
    );
  }
}
