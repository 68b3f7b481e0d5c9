import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { switchMap } from 'rxjs';
import { SellerDirectory } from './seller-directory';

/** A link to a seller's page, named by the seller's display name (a short id until, or unless, it is known). */
@Component({
  selector: 'sf-seller-link',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<a [routerLink]="['/sellers', sellerId()]" data-testid="seller-name">{{
    name() ?? 'seller ' + sellerId().slice(0, 8)
  }}</a>`,
})
export class SellerLink {
  private readonly directory = inject(SellerDirectory);
  readonly sellerId = input.required<string>();
  protected readonly name = toSignal(
    toObservable(this.sellerId).pipe(switchMap((id) => this.directory.name(id))),
    { initialValue: null },
  );
}
