import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import Keycloak from 'keycloak-js';
import { map } from 'rxjs';
import { PayoutBanner } from './shared/payout-banner';
import { TenantBanner } from './shared/tenant-banner';
import { sessionFeature } from './session/session.store';

interface NavLink {
  path: string;
  label: string;
  ownerOnly?: boolean;
}

const PHONE = '(max-width: 719px)';

const LINKS: NavLink[] = [
  { path: '/dashboard', label: 'Dashboard' },
  { path: '/products', label: 'Products' },
  { path: '/inventory', label: 'Inventory' },
  { path: '/orders', label: 'Orders' },
  { path: '/payouts', label: 'Payouts', ownerOnly: true },
  { path: '/team', label: 'Team', ownerOnly: true },
  { path: '/store', label: 'Store profile' },
];

@Component({
  selector: 'sp-root',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatIconModule,
    TenantBanner,
    PayoutBanner,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="toolbar-wrap">
      <mat-toolbar class="toolbar">
        @if (phone()) {
          <button
            mat-icon-button
            type="button"
            aria-label="Menu"
            [attr.aria-expanded]="drawer.opened"
            (click)="drawer.toggle()"
          >
            <span aria-hidden="true" class="burger">☰</span>
          </button>
        }
        <a routerLink="/dashboard" class="brand">Seller portal</a>
        <span class="spacer"></span>
        @if (tenant(); as t) {
          <span class="org" data-testid="org-name">{{ t.name }}</span>
        }
        <span class="user" data-testid="user-email">{{ user()?.email }}</span>
        <button mat-button type="button" (click)="signOut()" data-testid="sign-out">Sign out</button>
      </mat-toolbar>
    </header>
    <mat-sidenav-container class="container">
      <mat-sidenav
        #drawer
        [mode]="phone() ? 'over' : 'side'"
        [opened]="!phone()"
        class="nav"
        [attr.role]="phone() ? 'dialog' : null"
        aria-label="Seller portal sections"
      >
        @if (tenantState() === 'ready') {
          <nav aria-label="Sections">
            <mat-nav-list>
              @for (link of links(); track link.path) {
                <a
                  mat-list-item
                  [routerLink]="link.path"
                  routerLinkActive
                  #active="routerLinkActive"
                  [activated]="active.isActive"
                  [attr.aria-current]="active.isActive ? 'page' : null"
                  (click)="phone() && drawer.close()"
                  >{{ link.label }}</a
                >
              }
            </mat-nav-list>
          </nav>
        }
      </mat-sidenav>
      <mat-sidenav-content>
        <main id="main" tabindex="-1" class="main">
          <sp-tenant-banner />
          <sp-payout-banner />
          <router-outlet />
        </main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
  styles: `
    .toolbar-wrap {
      position: sticky;
      top: 0;
      z-index: 3;
    }
    .toolbar {
      gap: 8px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .brand {
      color: inherit;
      text-decoration: none;
      font: var(--mat-sys-title-large);
    }
    .spacer {
      flex: 1;
    }
    .org,
    .user {
      font: var(--mat-sys-body-medium);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .burger {
      font-size: 22px;
    }
    .container {
      min-height: calc(100vh - 64px);
    }
    .nav {
      width: 220px;
    }
    .main {
      padding: 16px 24px 48px;
      max-width: 1200px;
    }
    @media (max-width: 719px) {
      .user {
        display: none;
      }
      .org {
        max-width: 30vw;
      }
      .main {
        padding: 12px;
      }
    }
  `,
})
export class App {
  private readonly store = inject(Store);
  private readonly keycloak = inject(Keycloak);

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE)
      .pipe(map((state) => state.matches)),
    // Known before the first render, so a phone never starts with the side navigation open.
    { initialValue: window.matchMedia(PHONE).matches },
  );
  protected readonly user = this.store.selectSignal(sessionFeature.selectUser);
  protected readonly tenant = this.store.selectSignal(sessionFeature.selectTenant);
  protected readonly tenantState = this.store.selectSignal(sessionFeature.selectTenantState);
  private readonly owner = this.store.selectSignal(sessionFeature.selectIsOwner);
  protected readonly links = computed(() => LINKS.filter((link) => !link.ownerOnly || this.owner()));

  protected signOut(): void {
    void this.keycloak.logout({ redirectUri: `${window.location.origin}/` });
  }
}
