import { DatePipe, LowerCasePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';
import { showRefusalAtField } from '../shared/refusals';

interface Invitation {
  id: string;
  email: string;
  state: string;
  createdAt: string;
  expiresAt: string;
}

interface Member {
  userId: string;
  email: string | null;
  name: string;
  role: string;
}

const FIELDS = 'id email state createdAt expiresAt';
const INVITATIONS = `query Team { staffInvitations { ${FIELDS} } teamMembers { userId email name role } }`;
const INVITE = `mutation Invite($email: String!) { inviteStaff(email: $email) { ${FIELDS} } }`;
const REVOKE = `mutation Revoke($id: ID!) { revokeInvitation(id: $id) { ${FIELDS} } }`;
const REMOVE = `mutation Remove($userId: ID!) { removeTeamMember(userId: $userId) { userId } }`;

/** The owner invites staff by e-mail, revokes open invitations and removes staff who joined (after confirming). */
@Component({
  selector: 'sp-team-page',
  imports: [
    ReactiveFormsModule,
    DatePipe,
    LowerCasePipe,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatTableModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Team</h1>
    <p>
      Staff manage products, stock, orders and returns. Only you, the owner, see payouts, statements, the team
      and the developer settings.
    </p>
    <h2>Members</h2>
    @if (members(); as list) {
      <div class="table-scroll" tabindex="0" role="region" aria-label="Members, scrollable">
        <table mat-table [dataSource]="list" aria-label="Members and their roles">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef scope="col">Member</th>
            <td mat-cell *matCellDef="let m">
              {{ m.name }}<br /><span class="email">{{ m.email ?? '—' }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="role">
            <th mat-header-cell *matHeaderCellDef scope="col">Role</th>
            <td mat-cell *matCellDef="let m" data-testid="member-role">
              {{ m.role === 'owner' ? 'Owner' : 'Staff' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
            <td mat-cell *matCellDef="let m">
              @if (m.role !== 'owner') {
                <button
                  mat-button
                  type="button"
                  (click)="confirm(m)"
                  [disabled]="busy()"
                  data-testid="remove-member"
                >
                  Remove<span class="visually-hidden"> {{ m.email ?? m.name }}</span>
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="memberColumns"></tr>
          <tr mat-row *matRowDef="let row; columns: memberColumns" data-testid="member"></tr>
        </table>
      </div>
      @if (confirming(); as m) {
        <div
          class="confirm"
          role="group"
          aria-labelledby="confirm-remove-text"
          data-testid="remove-confirmation"
        >
          <p id="confirm-remove-text">
            Remove {{ m.email ?? m.name }} from the team? They lose access to this store at once; their own
            account stays.
          </p>
          <div class="actions">
            <button
              mat-flat-button
              type="button"
              (click)="remove(m)"
              [disabled]="busy()"
              data-testid="confirm-remove-member"
            >
              Remove {{ m.email ?? m.name }}
            </button>
            <button mat-button type="button" (click)="confirming.set(null)">Keep</button>
          </div>
        </div>
      }
    } @else if (!failure()) {
      <p role="status">Loading the team…</p>
    }
    @if (removed(); as message) {
      <p class="notice" role="status" data-testid="member-removed">{{ message }}</p>
    }
    <h2>Invite staff</h2>
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
    .email {
      overflow-wrap: anywhere;
    }
    .confirm {
      margin: 12px 0;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      p {
        margin: 0 0 8px;
        overflow-wrap: anywhere;
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
  protected readonly members = signal<Member[] | null>(null);
  protected readonly memberColumns = ['name', 'role', 'actions'];
  protected readonly confirming = signal<Member | null>(null);
  protected readonly removed = signal('');
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
      // An address with an open invitation, or one the server refuses, shows at the e-mail field.
      if (!showRefusalAtField(error, () => this.form.controls.email)) this.failure.set(messageOf(error));
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

  protected confirm(member: Member): void {
    this.removed.set('');
    this.confirming.set(member);
  }

  /** Removes a staff member who joined: their role and membership go; they keep their own account. */
  protected async remove(member: Member): Promise<void> {
    this.failure.set('');
    this.removed.set('');
    this.busy.set(true);
    try {
      await this.api.request(REMOVE, { userId: member.userId });
      this.confirming.set(null);
      // Gone from the list at once, with the notice; the reload below brings the rest up to date.
      this.members.update((list) => list?.filter((m) => m.userId !== member.userId) ?? null);
      this.removed.set(`${member.email ?? member.name} no longer belongs to the team.`);
      await this.load();
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      const team = await this.api.request<{ staffInvitations: Invitation[]; teamMembers: Member[] }>(
        INVITATIONS,
      );
      this.invitations.set(team.staffInvitations);
      this.members.set(team.teamMembers);
    } catch (error) {
      this.failure.set(messageOf(error));
    }
  }
}
