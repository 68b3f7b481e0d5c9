import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { switchMap } from 'rxjs';
import { SellerDirectory } from './seller-directory';

/** A seller's display name; a short form of the id until, or unless, the name is known. */
@Component({
  selector: 'sf-seller-name',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ name() ?? 'Seller ' + sellerId().slice(0, 8) }}`,
})
export class SellerName {
  private readonly directory = inject(SellerDirectory);
  readonly sellerId = input.required<string>();
  protected readonly name = toSignal(
    toObservable(this.sellerId).pipe(switchMap((id) => this.directory.name(id))),
    { initialValue: null },
  );
}
