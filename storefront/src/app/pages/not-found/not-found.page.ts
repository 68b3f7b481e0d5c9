import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'sf-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="page">
    <h1>Page not found</h1>
    <p><a routerLink="/">Back to the shop</a></p>
  </div>`,
})
export class NotFoundPage {}
