import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import Keycloak from 'keycloak-js';

/** Where sellers, staff and buyers land: the admin portal is for platform admins only. */
@Component({
  selector: 'ap-not-allowed-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Not allowed</h1>
    <p class="error" role="alert" data-testid="not-allowed">
      Only platform admins can open {{ page() || 'the admin portal' }}. You are signed in without the
      platform-admin role.
    </p>
    <p><button type="button" class="link-button" (click)="signOut()">Sign in as someone else</button></p>
  `,
  styles: `
    .link-button {
      background: none;
      border: 0;
      padding: 0;
      color: var(--mat-sys-primary);
      text-decoration: underline;
      font: inherit;
      cursor: pointer;
    }
  `,
})
export class NotAllowedPage {
  readonly page = input<string>('');
  private readonly keycloak = inject(Keycloak);

  signOut(): void {
    void this.keycloak.logout({ redirectUri: window.location.origin });
  }
}
