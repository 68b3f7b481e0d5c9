import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';
import { MY_TENANT } from '../session/session.effects';
import { imageProblem, ImageUploader } from './products/image-upload';
import type { TenantAccount } from '../session/session.models';
import { SessionActions, sessionFeature } from '../session/session.store';

const UPDATE = `mutation UpdateStore($settings: TenantSettingsInput!) { updateMyTenant(settings: $settings) { id } }`;
/** The logo as buyers get it: the public Tenant's Media, resolved by the media subgraph. */
const LOGO = `query StoreLogo($id: ID!) { tenant(id: $id) { logo { id variants { name url } } } }`;

interface Logo {
  id: string;
  variants: { name: string; url: string }[];
}

/** The store as buyers see it (name, logo, description, return policy, support e-mail); the owner edits, staff read. */
@Component({
  selector: 'sp-store-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule],
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
        <mat-label>Description</mat-label>
        <textarea
          matInput
          rows="4"
          formControlName="description"
          data-testid="profile-description"
        ></textarea>
        <mat-hint>What your store sells, shown on your seller page (up to 2000 characters).</mat-hint>
        <mat-error>{{ error('description', 'Description') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Return policy</mat-label>
        <textarea
          matInput
          rows="4"
          formControlName="returnPolicy"
          data-testid="profile-return-policy"
        ></textarea>
        <mat-hint>How buyers return items and get refunds (up to 5000 characters).</mat-hint>
        <mat-error>{{ error('returnPolicy', 'Return policy') }}</mat-error>
      </mat-form-field>
      <fieldset class="logo">
        <legend>Logo</legend>
        @if (logoUrl(); as url) {
          <img [src]="url" alt="Current logo of your store" class="logo-preview" data-testid="logo-preview" />
        } @else {
          <p>No logo yet.</p>
        }
        @if (owner()) {
          <label class="file">
            <span
              >{{ logoUrl() ? 'Replace the logo' : 'Upload a logo' }} (JPEG, PNG or WebP, up to 10 MB)</span
            >
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              (change)="uploadLogo($event)"
              [attr.aria-describedby]="logoError() ? 'logo-error' : null"
              data-testid="logo-input"
            />
          </label>
          @if (logoProgress() !== null) {
            <mat-progress-bar
              mode="determinate"
              [value]="logoProgress()"
              aria-label="Logo upload"
              data-testid="logo-progress"
            />
          }
          @if (logoError(); as message) {
            <p class="error" id="logo-error" role="alert" data-testid="logo-error">{{ message }}</p>
          }
          @if (form.controls.logoMediaId.value) {
            <button mat-button type="button" (click)="removeLogo()">Remove the logo</button>
          }
        }
      </fieldset>
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
      display: flex;
      flex-direction: column;
    }
    .logo {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      margin: 0 0 16px;
      padding: 8px 16px 16px;
    }
    .logo-preview {
      max-width: 160px;
      max-height: 160px;
      display: block;
      margin-bottom: 8px;
    }
    .file {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-bottom: 8px;
    }
    .file input {
      max-width: 100%;
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
  protected readonly logoUrl = signal<string | null>(null);
  protected readonly logoProgress = signal<number | null>(null);
  protected readonly logoError = signal('');
  private readonly uploader = inject(ImageUploader);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(255)]],
    description: ['', [Validators.maxLength(2000)]],
    returnPolicy: ['', [Validators.maxLength(5000)]],
    logoMediaId: [''],
    contactEmail: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
    defaultCurrency: ['', [Validators.required, Validators.pattern(/^[A-Z]{3}$/)]],
  });

  constructor() {
    effect(() => {
      const t = this.tenant();
      if (t) {
        this.form.reset({
          name: t.name,
          contactEmail: t.contactEmail,
          defaultCurrency: t.defaultCurrency,
          description: t.description ?? '',
          returnPolicy: t.returnPolicy ?? '',
          logoMediaId: t.logoMediaId ?? '',
        });
        untracked(() => void this.loadLogo(t.id));
      }
      if (!this.owner()) this.form.disable();
    });
  }

  protected async uploadLogo(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    this.logoError.set('');
    if (!file) return;
    const problem = imageProblem(file);
    if (problem) {
      this.logoError.set(problem);
      return;
    }
    this.logoProgress.set(0);
    try {
      const id = await this.uploader.upload(file, (percent) => this.logoProgress.set(percent));
      this.form.controls.logoMediaId.setValue(id);
      this.logoUrl.set(URL.createObjectURL(file));
      this.form.markAsDirty();
      this.saved.set(false);
    } catch (error) {
      this.logoError.set(messageOf(error));
    } finally {
      this.logoProgress.set(null);
    }
  }

  protected removeLogo(): void {
    this.form.controls.logoMediaId.setValue('');
    this.logoUrl.set(null);
  }

  private async loadLogo(tenantId: string): Promise<void> {
    try {
      const { tenant } = await this.api.request<{ tenant: { logo: Logo | null } | null }>(LOGO, {
        id: tenantId,
      });
      const variants = tenant?.logo?.variants ?? [];
      this.logoUrl.set((variants.find((v) => v.name === 'medium') ?? variants[0])?.url ?? null);
    } catch {
      // The preview is a convenience: the form works without it.
      this.logoUrl.set(null);
    }
  }

  protected error(
    name: 'name' | 'contactEmail' | 'defaultCurrency' | 'description' | 'returnPolicy',
    label: string,
  ): string {
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
    const { name, contactEmail, defaultCurrency, description, returnPolicy, logoMediaId } =
      this.form.getRawValue();
    this.busy.set(true);
    try {
      await this.api.request(UPDATE, {
        settings: {
          name: name.trim(),
          contactEmail: contactEmail.trim(),
          defaultCurrency,
          description: description.trim(),
          returnPolicy: returnPolicy.trim(),
          logoMediaId,
        },
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
