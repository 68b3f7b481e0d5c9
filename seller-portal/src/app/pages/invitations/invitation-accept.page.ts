import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import Keycloak from 'keycloak-js';
import { Api } from '@marketplace/web-portal';
import { OrganizationChoice } from '../../session/organization-choice';
import { userFromToken } from '../../session/session.models';
import { SessionActions, sessionFeature } from '../../session/session.store';
import { invitationLinkProblem, invitationRefusal, type InvitationRefusal } from './invitation.models';

const ACCEPT = `mutation AcceptInvitation($token: String!) {
  acceptInvitation(token: $token) { tenantId message }
}`;

type Step = 'ready' | 'accepting' | 'joined' | 'relogin' | 'refused';

/**
 * Where the staff invitation e-mail's link lands (`/invitations/accept?token=…`, sent by notifications). The
 * invitee is signed in (or registered) by Keycloak before the page opens; accepting is an explicit click, so a
 * link opened by mistake, or as the wrong account, joins nobody.
 */
@Component({
  selector: 'sp-invitation-accept-page',
  imports: [MatButtonModule, MatProgressBarModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Staff invitation</h1>
    <section class="invitation" aria-labelledby="invitation-heading">
      @if (linkProblem(); as problem) {
        <h2 id="invitation-heading">No invitation to accept</h2>
        <p class="notice" data-testid="invitation-missing">{{ problem }}</p>
        <p><a routerLink="/dashboard">Go to the seller portal</a></p>
      } @else {
        @switch (step()) {
          @case ('joined') {
            <h2 id="invitation-heading">Welcome aboard</h2>
            <p class="notice" role="status" data-testid="invitation-joined">
              You joined {{ joinedName() }} as staff. You can work on its products, stock, orders and returns;
              payouts, team and API settings stay with the store's owner.
            </p>
            <div class="actions">
              <button mat-flat-button type="button" (click)="openDashboard()" data-testid="open-dashboard">
                Open the dashboard
              </button>
            </div>
          }
          @case ('relogin') {
            <h2 id="invitation-heading">Almost there</h2>
            <p class="notice" role="status" data-testid="invitation-relogin">{{ reloginMessage() }}</p>
            <div class="actions">
              <button mat-flat-button type="button" (click)="signInAgain()">Sign in again</button>
            </div>
          }
          @case ('refused') {
            <h2 id="invitation-heading">{{ refusalTitle() }}</h2>
            <p class="error" role="alert" data-testid="invitation-error">{{ refusal()?.message }}</p>
            @switch (refusal()?.kind) {
              @case ('wrong-account') {
                <p>
                  This invitation is for
                  <strong data-testid="invited-email">{{ refusal()?.invitedEmail }}</strong>. Sign out, then
                  sign in (or create an account) with that address and open the link again.
                </p>
                <div class="actions">
                  <button
                    mat-flat-button
                    type="button"
                    (click)="useAnotherAccount()"
                    data-testid="switch-account"
                  >
                    Sign in as {{ refusal()?.invitedEmail }}
                  </button>
                </div>
              }
              @case ('unverified') {
                <p>
                  Confirm your e-mail address from the message Keycloak sent you, then open the link again.
                </p>
              }
              @case ('member') {
                <p><a routerLink="/dashboard">Go to the dashboard</a></p>
              }
              @default {
                <p>
                  Ask the store's owner to send you a new invitation.
                  @if (hasOrganization()) {
                    <a routerLink="/dashboard">Go to the dashboard</a>
                  }
                </p>
              }
            }
          }
          @default {
            <h2 id="invitation-heading">Join a store as staff</h2>
            <p>
              You are signed in as <strong data-testid="signed-in-email">{{ email() }}</strong>. Accepting
              adds you to the store that invited this address, as staff: you will work on its products, stock,
              orders and returns.
            </p>
            @if (step() === 'accepting') {
              <mat-progress-bar mode="indeterminate" aria-label="Joining the store" />
              <p class="visually-hidden" role="status">Joining the store…</p>
            }
            <div class="actions">
              <button
                mat-flat-button
                type="button"
                (click)="accept()"
                [disabled]="step() === 'accepting'"
                data-testid="accept-invitation"
              >
                Accept the invitation
              </button>
              <button mat-stroked-button type="button" (click)="useAnotherAccount()">
                Use another account
              </button>
            </div>
          }
        }
      }
    </section>
  `,
  styles: `
    .invitation {
      max-width: 640px;
      overflow-wrap: anywhere;
    }
    .invitation h2 {
      margin-top: 0;
    }
  `,
})
export class InvitationAcceptPage {
  /** The accept token, from the e-mail link's query. */
  readonly token = input<string>();

  private readonly api = inject(Api);
  private readonly keycloak = inject(Keycloak);
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly organization = inject(OrganizationChoice);
  private readonly user = this.store.selectSignal(sessionFeature.selectUser);
  private readonly tenant = this.store.selectSignal(sessionFeature.selectTenant);

  protected readonly step = signal<Step>('ready');
  protected readonly refusal = signal<InvitationRefusal | null>(null);
  protected readonly reloginMessage = signal('');
  private readonly joinedTenantId = signal<string | null>(null);

  protected readonly linkProblem = computed(() => invitationLinkProblem(this.token()));
  protected readonly email = computed(() => this.user()?.email ?? 'an account without an e-mail address');
  protected readonly hasOrganization = computed(() => (this.user()?.organizationIds.length ?? 0) > 0);
  protected readonly joinedName = computed(() => {
    const tenant = this.tenant();
    return tenant && tenant.id === this.joinedTenantId() ? tenant.name : 'the store';
  });
  protected readonly refusalTitle = computed(() => {
    switch (this.refusal()?.kind) {
      case 'wrong-account':
        return 'Signed in with another address';
      case 'used':
        return 'Invitation already used';
      case 'expired':
        return 'Invitation expired';
      case 'revoked':
        return 'Invitation revoked';
      case 'member':
        return 'Already a member';
      case 'unverified':
        return 'E-mail address not confirmed';
      default:
        return 'The invitation could not be accepted';
    }
  });

  protected async accept(): Promise<void> {
    const token = this.token();
    if (!token || this.step() === 'accepting') return;
    this.step.set('accepting');
    try {
      const { acceptInvitation } = await this.api.request<{
        acceptInvitation: { tenantId: string; message: string };
      }>(ACCEPT, { token });
      // A refreshed token carries the new organization and the staff role in it.
      await this.keycloak.updateToken(-1);
      const user = userFromToken(this.keycloak.tokenParsed, acceptInvitation.tenantId);
      if (user?.organizationId !== acceptInvitation.tenantId) {
        this.reloginMessage.set(acceptInvitation.message);
        this.step.set('relogin');
        return;
      }
      // The portal acts for the organization just joined; the switcher lists it beside any others.
      this.organization.actFor(user);
      this.store.dispatch(SessionActions.signedIn({ user }));
      this.joinedTenantId.set(acceptInvitation.tenantId);
      this.step.set('joined');
    } catch (error) {
      this.refusal.set(invitationRefusal(error));
      this.step.set('refused');
    }
  }

  protected openDashboard(): void {
    void this.router.navigateByUrl('/dashboard');
  }

  /** Back to this very link after signing out, so the invited address can sign in (or register) and accept. */
  protected useAnotherAccount(): void {
    void this.keycloak.logout({ redirectUri: window.location.href });
  }

  protected signInAgain(): void {
    void this.keycloak.login({ redirectUri: `${window.location.origin}/dashboard` });
  }
}
