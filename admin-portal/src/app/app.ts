import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { PortalShell, type NavLink } from '@marketplace/web-portal';
import { Store } from '@ngrx/store';
import { sessionFeature } from './session/session.store';

const LINKS: NavLink[] = [
  { path: '/overview', label: 'Overview' },
  { path: '/sellers', label: 'Sellers' },
  { path: '/orders', label: 'Orders' },
  { path: '/payouts', label: 'Payouts' },
  { path: '/moderation', label: 'Moderation' },
  { path: '/commissions', label: 'Commission rules' },
  { path: '/categories', label: 'Categories' },
  { path: '/audit', label: 'Audit log' },
  { path: '/search-index', label: 'Search index' },
];

@Component({
  selector: 'ap-root',
  imports: [RouterOutlet, PortalShell],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mp-portal-shell
      brand="Admin portal"
      home="/overview"
      [links]="links()"
      [userEmail]="user()?.email ?? null"
    >
      <router-outlet />
    </mp-portal-shell>
  `,
})
export class App {
  private readonly store = inject(Store);
  protected readonly user = this.store.selectSignal(sessionFeature.selectUser);
  private readonly admin = this.store.selectSignal(sessionFeature.selectIsAdmin);
  /** Sellers, staff and buyers see no sections: every one of them is refused. */
  protected readonly links = computed(() => (this.admin() ? LINKS : []));
}
