import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Store } from '@ngrx/store';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';
import { MY_TENANT } from '../session/session.effects';
import type { TenantAccount } from '../session/session.models';
import { SessionActions, sessionFeature } from '../session/session.store';

const UPDATE = `mutation UpdateStore($settings: TenantSettingsInput!) { updateMyTenant(settings: $settings) { id } }`;

/** The store's name, contact e-mail and currency as buyers see them; the owner edits, staff read. */
@Component({
  selector: 'sp-store-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Store profile</h1>
    @if (tenant(); as t) {
      <p>
        Store address: <strong>{{ t.alias }}</strong> · Commission: {{ t.commissionBps / 100 }} %
      </p>
    }
    <form [formGroup]="form" (ngSubmit)="save()" novalidate class="profile">
      <mat-form-field>
        <mat-label>Store name</mat-label>
        <input matInput formControlName="name" data-testid="profile-name" />
        <mat-error>{{ error('name', 'Store name') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Support e-mail</mat-label>
        <input matInput type="email" formControlName="contactEmail" data-testid="profile-email" />
        <mat-error>{{ error('contactEmail', 'Support e-mail') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Default currency</mat-label>
        <input matInput formControlName="defaultCurrency" maxlength="3" data-testid="profile-currency" />
        <mat-hint>Three letters, e.g. EUR</mat-hint>
        <mat-error>{{ error('defaultCurrency', 'Default currency') }}</mat-error>
      </mat-form-field>
      @if (failure(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      @if (saved()) {
        <p class="notice" role="status" data-testid="profile-saved">Saved.</p>
      }
      @if (owner()) {
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="profile-save">
          Save profile
        </button>
      } @else {
        <p>Only the store owner can change the profile.</p>
      }
    </form>
  `,
  styles: `
    .profile {
      max-width: 560px;
    }
  `,
})
export class StorePage {
  private readonly api = inject(Api);
  private readonly store = inject(Store);
  protected readonly tenant = this.store.selectSignal(sessionFeature.selectTenant);
  protected readonly owner = this.store.selectSignal(sessionFeature.selectIsOwner);
  protected readonly failure = signal('');
  protected readonly saved = signal(false);
  protected readonly busy = signal(false);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(255)]],
    contactEmail: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
    defaultCurrency: ['', [Validators.required, Validators.pattern(/^[A-Z]{3}$/)]],
  });

  constructor() {
    effect(() => {
      const t = this.tenant();
      if (t)
        this.form.reset({ name: t.name, contactEmail: t.contactEmail, defaultCurrency: t.defaultCurrency });
      if (!this.owner()) this.form.disable();
    });
  }

  protected error(name: 'name' | 'contactEmail' | 'defaultCurrency', label: string): string {
    if (name === 'defaultCurrency' && this.form.controls.defaultCurrency.hasError('pattern'))
      return 'Default currency must be a three-letter ISO code in capitals, e.g. EUR.';
    return fieldError(this.form.controls[name], label);
  }

  protected async save(): Promise<void> {
    this.failure.set('');
    this.saved.set(false);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, contactEmail, defaultCurrency } = this.form.getRawValue();
    this.busy.set(true);
    try {
      await this.api.request(UPDATE, {
        settings: { name: name.trim(), contactEmail: contactEmail.trim(), defaultCurrency },
      });
      const { myTenant } = await this.api.request<{ myTenant: TenantAccount }>(MY_TENANT);
      this.store.dispatch(SessionActions.tenantLoaded({ tenant: myTenant }));
      this.saved.set(true);
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
