import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'ap-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Page not found</h1>
    <p>There is no such page in the admin portal. <a routerLink="/sellers">Go to the sellers</a>.</p>
  `,
})
export class NotFoundPage {}
