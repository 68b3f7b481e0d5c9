import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { CartActions } from '../../cart/cart.actions';
import { MAX_QUANTITY } from '../../cart/cart.models';
import {
  selectCartError,
  selectCartLoaded,
  selectCartPending,
  selectCartTotals,
  selectSellerGroups,
} from '../../cart/cart.selectors';
import { MoneyPipe } from '../../shared/money.pipe';
import { SellerLink } from '../../sellers/seller-link';
import { Seo } from '../../shared/seo';
import { ErrorMessage, Loading } from '../../shared/state-views';

@Component({
  selector: 'sf-cart-page',
  imports: [RouterLink, MatButtonModule, MoneyPipe, Loading, ErrorMessage, SellerLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cart.page.html',
  styleUrl: './cart.page.scss',
})
export class CartPage {
  private readonly store = inject(Store);

  protected readonly maxQuantity = MAX_QUANTITY;
  protected readonly loaded = this.store.selectSignal(selectCartLoaded);
  protected readonly error = this.store.selectSignal(selectCartError);
  protected readonly groups = this.store.selectSignal(selectSellerGroups);
  protected readonly totals = this.store.selectSignal(selectCartTotals);
  protected readonly pending = this.store.selectSignal(selectCartPending);

  constructor() {
    inject(Seo).setJsonLd(null);
  }

  protected setQuantity(lineId: string, value: string): void {
    const quantity = Number(value);
    if (Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY)
      this.store.dispatch(CartActions.quantityChangeRequested({ lineId, quantity }));
  }

  protected remove(lineId: string): void {
    this.store.dispatch(CartActions.removeRequested({ lineId }));
  }
}
