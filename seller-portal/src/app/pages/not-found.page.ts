import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'sp-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Page not found</h1>
    <p>There is no such page in the seller portal. <a routerLink="/dashboard">Go to the dashboard</a>.</p>
  `,
})
export class NotFoundPage {}
