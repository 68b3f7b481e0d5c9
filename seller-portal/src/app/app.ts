import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { PortalShell, type NavLink } from '@marketplace/web-portal';
import { Store } from '@ngrx/store';
import { OrganizationSwitcher } from './shared/organization-switcher';
import { PayoutBanner } from './shared/payout-banner';
import { TenantBanner } from './shared/tenant-banner';
import { sessionFeature } from './session/session.store';

interface SellerLink extends NavLink {
  ownerOnly?: boolean;
}

const LINKS: SellerLink[] = [
  { path: '/dashboard', label: 'Dashboard' },
  { path: '/products', label: 'Products' },
  { path: '/inventory', label: 'Inventory' },
  { path: '/orders', label: 'Orders' },
  { path: '/refunds', label: 'Returns' },
  { path: '/payouts', label: 'Payouts', ownerOnly: true },
  { path: '/statements', label: 'Statements', ownerOnly: true },
  { path: '/team', label: 'Team', ownerOnly: true },
  { path: '/store', label: 'Store profile' },
  { path: '/developers', label: 'Developers', ownerOnly: true },
];

@Component({
  selector: 'sp-root',
  imports: [RouterOutlet, PortalShell, OrganizationSwitcher, TenantBanner, PayoutBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mp-portal-shell
      brand="Seller portal"
      home="/dashboard"
      [links]="links()"
      [userEmail]="user()?.email ?? null"
      [organization]="tenant()?.name ?? null"
    >
      <sp-organization-switcher />
      <sp-tenant-banner />
      <sp-payout-banner />
      <router-outlet />
    </mp-portal-shell>
  `,
})
export class App {
  private readonly store = inject(Store);
  protected readonly user = this.store.selectSignal(sessionFeature.selectUser);
  protected readonly tenant = this.store.selectSignal(sessionFeature.selectTenant);
  private readonly tenantState = this.store.selectSignal(sessionFeature.selectTenantState);
  private readonly owner = this.store.selectSignal(sessionFeature.selectIsOwner);
  /** The sections appear once the seller's organization is loaded (none while signing up). */
  protected readonly links = computed(() =>
    this.tenantState() === 'ready' ? LINKS.filter((link) => !link.ownerOnly || this.owner()) : [],
  );
}
