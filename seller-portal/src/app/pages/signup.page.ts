import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import Keycloak from 'keycloak-js';
import { aliasOf, Api, fieldError, messageOf } from '@marketplace/web-portal';
import { OrganizationChoice } from '../session/organization-choice';
import { userFromToken } from '../session/session.models';
import { refusedPath, showRefusalAtField } from '../shared/refusals';
import { SessionActions, sessionFeature } from '../session/session.store';

const SIGN_UP = `mutation SignUp($input: SignUpSellerInput!) {
  signUpSeller(input: $input) { message tenant { id status } }
}`;

/** A signed-in user without an organization creates one; it starts pending until an admin approves it. */
@Component({
  selector: 'sp-signup-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Become a seller</h1>
    @if (tenantState() === 'ready') {
      <p class="notice" role="status">You already run {{ tenant()?.name }}.</p>
    } @else {
      <p>
        Tell us about your store. The marketplace team reviews every new seller; you can prepare your catalog
        while your organization awaits approval.
      </p>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="signup">
        <mat-form-field>
          <mat-label>Store name</mat-label>
          <input matInput formControlName="name" (input)="suggestAlias()" data-testid="store-name" />
          <mat-error>{{ error('name', 'Store name') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Store address</mat-label>
          <input matInput formControlName="alias" data-testid="store-alias" />
          <mat-hint>Lowercase letters, digits and dashes; your store's page on the marketplace.</mat-hint>
          <mat-error>{{ error('alias', 'Store address') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Contact e-mail</mat-label>
          <input matInput type="email" formControlName="contactEmail" data-testid="contact-email" />
          <mat-hint>Leave empty to use your sign-in e-mail.</mat-hint>
          <mat-error>{{ error('contactEmail', 'Contact e-mail') }}</mat-error>
        </mat-form-field>
        @if (failure(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        @if (relogin(); as message) {
          <p class="notice" role="status">{{ message }}</p>
          <button mat-flat-button type="button" (click)="signInAgain()">Sign in again</button>
        } @else {
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="sign-up">
            Create my store
          </button>
        }
      </form>
    }
  `,
  styles: `
    .signup {
      display: grid;
      gap: 8px;
      max-width: 520px;
    }
  `,
})
export class SignupPage {
  private readonly api = inject(Api);
  private readonly store = inject(Store);
  private readonly keycloak = inject(Keycloak);
  private readonly router = inject(Router);
  private readonly organization = inject(OrganizationChoice);
  protected readonly tenant = this.store.selectSignal(sessionFeature.selectTenant);
  protected readonly tenantState = this.store.selectSignal(sessionFeature.selectTenantState);
  protected readonly busy = signal(false);
  protected readonly failure = signal('');
  protected readonly relogin = signal('');

  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(255)]],
    alias: [
      '',
      [
        Validators.required,
        Validators.minLength(2),
        Validators.maxLength(64),
        Validators.pattern(/^[a-z0-9]+(-[a-z0-9]+)*$/),
      ],
    ],
    contactEmail: ['', [Validators.email, Validators.maxLength(320)]],
  });
  private aliasEdited = false;

  constructor() {
    this.form.controls.alias.valueChanges.subscribe((value) => {
      this.aliasEdited = value !== aliasOf(this.form.controls.name.value);
    });
  }

  protected error(name: 'name' | 'alias' | 'contactEmail', label: string): string {
    if (name === 'alias' && this.form.controls.alias.hasError('pattern'))
      return 'Store address may hold only lowercase letters, digits and single dashes.';
    return fieldError(this.form.controls[name], label);
  }

  protected suggestAlias(): void {
    if (!this.aliasEdited) this.form.controls.alias.setValue(aliasOf(this.form.controls.name.value));
  }

  protected async submit(): Promise<void> {
    this.failure.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, alias, contactEmail } = this.form.getRawValue();
    this.busy.set(true);
    try {
      const { signUpSeller } = await this.api.request<{
        signUpSeller: { message: string; tenant: { id: string } };
      }>(SIGN_UP, {
        input: {
          name: name.trim(),
          alias,
          ...(contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}),
        },
      });
      // A refreshed token carries the new organization and the seller-owner role in it.
      await this.keycloak.updateToken(-1);
      const user = userFromToken(this.keycloak.tokenParsed, signUpSeller.tenant.id);
      // Staff of another store now has two: the portal starts over acting for the new one.
      if (user && user.organizations.length > 1) this.organization.switchTo(signUpSeller.tenant.id);
      else if (user?.organizationIds.length) {
        this.store.dispatch(SessionActions.signedIn({ user }));
        await this.router.navigateByUrl('/dashboard');
      } else {
        this.relogin.set(signUpSeller.message);
      }
    } catch (error) {
      // A taken name or address (known only to the server) shows at its field, like the form's own checks.
      const shown = showRefusalAtField(error, (message) => {
        const path = refusedPath(message);
        if (path === 'name' || path === 'alias' || path === 'contactEmail') return this.form.controls[path];
        return /alias/.test(message) ? this.form.controls.alias : null;
      });
      if (!shown) this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected signInAgain(): void {
    void this.keycloak.login({ redirectUri: `${window.location.origin}/dashboard` });
  }
}
