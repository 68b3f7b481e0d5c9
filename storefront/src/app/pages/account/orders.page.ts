import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, switchMap } from 'rxjs';
import { authFeature } from '../../auth/auth.reducer';
import { loadable, type Loadable } from '../../core/loadable';
import { statusLabel, type Order } from '../../orders/order.models';
import { OrdersApi } from '../../orders/orders-api';
import { MoneyPipe } from '../../shared/money.pipe';
import { SignInPrompt } from '../../shared/sign-in-prompt';
import { ErrorMessage, Loading } from '../../shared/state-views';

const LOADING: Loadable<Order[]> = { status: 'loading' };

@Component({
  selector: 'sf-orders-page',
  imports: [RouterLink, DatePipe, MoneyPipe, Loading, ErrorMessage, SignInPrompt],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="page">
    <h1>Your orders</h1>
    @switch (authStatus()) {
      @case ('authenticated') {
        @let o = orders();
        @if (o.status === 'ok') {
          @if (o.data.length === 0) {
            <p>No orders yet. <a routerLink="/search">Find something you like</a>.</p>
          }
          <ul class="orders">
            @for (order of o.data; track order.id) {
              <li data-testid="order-row">
                <a [routerLink]="['/account/orders', order.id]" data-testid="order-link">
                  {{ order.createdAt | date: 'mediumDate' : 'UTC' }} ·
                  {{ order.total | money: order.currency }}
                </a>
                · {{ label(order.status) }} ·
                {{ order.sellerOrders.length === 1 ? '1 seller' : order.sellerOrders.length + ' sellers' }}
              </li>
            }
          </ul>
        } @else if (o.status === 'error') {
          <sf-error [message]="o.message" />
        } @else {
          <sf-loading label="Loading your orders…" />
        }
      }
      @case ('unknown') {
        <sf-loading label="Checking your sign-in…" />
      }
      @default {
        <sf-sign-in-prompt reason="Sign in to see your orders." />
      }
    }
  </div>`,
  styles: `
    .orders {
      list-style: none;
      padding: 0;
      li {
        padding: 8px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
    }
  `,
})
export class OrdersPage {
  private readonly store = inject(Store);
  private readonly api = inject(OrdersApi);
  protected readonly label = statusLabel;
  protected readonly authStatus = this.store.selectSignal(authFeature.selectStatus);
  protected readonly orders = toSignal(
    this.store.select(authFeature.selectStatus).pipe(
      filter((status) => status === 'authenticated'),
      switchMap(() => loadable(this.api.myOrders())),
    ),
    { initialValue: LOADING },
  );
}
