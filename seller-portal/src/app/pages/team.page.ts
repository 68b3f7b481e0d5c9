import { DatePipe, LowerCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';

interface Invitation {
  id: string;
  email: string;
  state: string;
  createdAt: string;
  expiresAt: string;
}

const FIELDS = 'id email state createdAt expiresAt';
const INVITATIONS = `query Invitations { staffInvitations { ${FIELDS} } }`;
const INVITE = `mutation Invite($email: String!) { inviteStaff(email: $email) { ${FIELDS} } }`;
const REVOKE = `mutation Revoke($id: ID!) { revokeInvitation(id: $id) { ${FIELDS} } }`;

/** The owner invites staff by e-mail and revokes open invitations. */
@Component({
  selector: 'sp-team-page',
  imports: [
    ReactiveFormsModule,
    DatePipe,
    LowerCasePipe,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Team</h1>
    <p>Staff manage products, stock and orders. Only you, the owner, see payouts and the team.</p>
    <form [formGroup]="form" (ngSubmit)="invite()" novalidate class="invite">
      <mat-form-field>
        <mat-label>E-mail address</mat-label>
        <input matInput type="email" formControlName="email" data-testid="invite-email" />
        <mat-error>{{ error() }}</mat-error>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()" data-testid="invite">Invite as staff</button>
    </form>
    @if (failure(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <h2>Invitations</h2>
    <ul class="invitations">
      @for (invitation of invitations(); track invitation.id) {
        <li data-testid="invitation">
          <span
            >{{ invitation.email }} — {{ invitation.state | lowercase }}, sent
            {{ invitation.createdAt | date: 'mediumDate' }}</span
          >
          @if (invitation.state === 'PENDING') {
            <button mat-button type="button" (click)="revoke(invitation)">
              Revoke invitation of {{ invitation.email }}
            </button>
          }
        </li>
      } @empty {
        <li>No invitations yet.</li>
      }
    </ul>
  `,
  styles: `
    .invite {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: baseline;
      max-width: 720px;
      mat-form-field {
        flex: 1 1 260px;
      }
    }
    .invitations li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      overflow-wrap: anywhere;
    }
  `,
})
export class TeamPage {
  private readonly api = inject(Api);
  protected readonly invitations = signal<Invitation[]>([]);
  protected readonly failure = signal('');
  protected readonly busy = signal(false);
  /** Resetting through the directive also clears its submitted state, so no "required" shows after an invite. */
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
  });

  constructor() {
    void this.load();
  }

  protected error(): string {
    return fieldError(this.form.controls.email, 'E-mail address');
  }

  protected async invite(): Promise<void> {
    this.failure.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    try {
      await this.api.request(INVITE, { email: this.form.controls.email.value.trim() });
      this.formDirective().resetForm();
      await this.load();
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async revoke(invitation: Invitation): Promise<void> {
    try {
      await this.api.request(REVOKE, { id: invitation.id });
      await this.load();
    } catch (error) {
      this.failure.set(messageOf(error));
    }
  }

  private async load(): Promise<void> {
    try {
      this.invitations.set(
        (await this.api.request<{ staffInvitations: Invitation[] }>(INVITATIONS)).staffInvitations,
      );
    } catch (error) {
      this.failure.set(messageOf(error));
    }
  }
}
