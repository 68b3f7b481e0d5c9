import { type HttpInterceptorFn } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { PORTAL_CONFIG } from '@marketplace/web-portal';
import type { SessionUser } from './session.models';

const STORAGE_KEY = 'seller-portal.organization';
/** The header the gateway and services read the chosen tenant from (platform/libs/auth TENANT_HEADER). */
const TENANT_HEADER = 'x-tenant-id';

/** Which of the user's organizations the portal acts for, remembered in this browser. */
@Injectable({ providedIn: 'root' })
export class OrganizationChoice {
  /** Set only for a user in several organizations (one organization needs no header). */
  readonly current = signal<string | null>(null);

  /** The organization chosen last in this browser, if any (the token may no longer name it). */
  remembered(): string | null {
    return localStorage.getItem(STORAGE_KEY);
  }

  /** After sign-in: acts for the organization the user was read for (`userFromToken` with `remembered()`). */
  signedIn(user: SessionUser): void {
    if (user.organizations.length < 2) return;
    this.current.set(user.organizationId);
  }

  /** After joining an organization: the portal acts for it from now on, remembered, without starting over. */
  actFor(user: SessionUser): void {
    if (user.organizationId) localStorage.setItem(STORAGE_KEY, user.organizationId);
    this.signedIn(user);
  }

  /** Switches to another organization: remembered, and the portal starts over on its dashboard. */
  switchTo(id: string): void {
    localStorage.setItem(STORAGE_KEY, id);
    window.location.assign('/dashboard');
  }
}

/** Names the chosen organization on every call to the marketplace API (never on storage uploads). */
export const organizationHeader: HttpInterceptorFn = (request, next) => {
  const chosen = inject(OrganizationChoice).current();
  const api = new URL(inject(PORTAL_CONFIG).graphqlUrl).origin;
  if (!chosen || new URL(request.url, window.location.href).origin !== api) return next(request);
  return next(request.clone({ setHeaders: { [TENANT_HEADER]: chosen } }));
};
