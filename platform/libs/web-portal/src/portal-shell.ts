import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive } from '@angular/router';
import Keycloak from 'keycloak-js';
import { map } from 'rxjs';
import { NotificationBell } from './notification-bell';

const PHONE = '(max-width: 719px)';

export interface NavLink {
  path: string;
  label: string;
}

/**
 * The frame of every portal page: skip link, toolbar with the signed-in user and sign-out (Keycloak), section
 * navigation (a side bar on a desktop, a drawer behind the menu button on a phone) and the page in `<main>`. Only the
 * phone's drawer (a dialog) is labelled: a label on the side bar, which is no landmark, reads to axe as content
 * outside them.
 */
@Component({
  selector: 'mp-portal-shell',
  imports: [
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatIconModule,
    NotificationBell,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="header">
      <a class="skip-link" href="#main">Skip to content</a>
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
        <a [routerLink]="home()" class="brand">{{ brand() }}</a>
        <span class="spacer"></span>
        @if (organization(); as org) {
          <span class="org" data-testid="org-name">{{ org }}</span>
        }
        <mp-notification-bell />
        <span class="user" data-testid="user-email">{{ userEmail() }}</span>
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
        [attr.aria-label]="phone() ? brand() + ' sections' : null"
      >
        @if (links().length) {
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
          <ng-content />
        </main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
  styles: `
    .header {
      position: sticky;
      top: 0;
      z-index: 3;
    }
    .toolbar {
      position: sticky;
      top: 0;
      z-index: 3;
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
        /* Leaves room for the notification bell and sign-out at 390 px. */
        max-width: 22vw;
      }
      .main {
        padding: 12px;
      }
    }
  `,
})
export class PortalShell {
  readonly brand = input.required<string>();
  readonly home = input('/');
  readonly links = input<NavLink[]>([]);
  readonly userEmail = input<string | null>(null);
  readonly organization = input<string | null>(null);

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE)
      .pipe(map((state) => state.matches)),
    // Known before the first render, so a phone never starts with the side navigation open.
    { initialValue: window.matchMedia(PHONE).matches },
  );
  private readonly keycloak = inject(Keycloak);

  protected signOut(): void {
    void this.keycloak.logout({ redirectUri: `${window.location.origin}/` });
  }
}
