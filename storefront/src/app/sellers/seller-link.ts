import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { SellerName } from './seller-name';

/** A link to a seller's page, named by the seller's display name. */
@Component({
  selector: 'sf-seller-link',
  imports: [RouterLink, SellerName],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<a [routerLink]="['/sellers', sellerId()]" data-testid="seller-name"
    ><sf-seller-name [sellerId]="sellerId()"
  /></a>`,
})
export class SellerLink {
  readonly sellerId = input.required<string>();
}
