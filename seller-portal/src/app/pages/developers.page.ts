import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Api, fieldError, messageOf, PORTAL_CONFIG } from '@marketplace/web-portal';
import { SecretShownOnce } from '../shared/secret-shown-once';
import { WebhookEndpoints } from './webhook-endpoints';

interface ApiClient {
  id: string;
  clientId: string;
  name: string;
  createdAt: string;
}
interface Issued {
  apiClient: ApiClient;
  clientSecret: string;
}

const FIELDS = 'id clientId name createdAt';
const CLIENTS = `query ApiClients { apiClients { ${FIELDS} } }`;
const CREATE = `mutation CreateApiClient($name: String!) {
  createApiClient(name: $name) { clientSecret apiClient { ${FIELDS} } }
}`;
const ROTATE = `mutation RotateApiClient($id: ID!) {
  rotateApiClientSecret(id: $id) { clientSecret apiClient { ${FIELDS} } }
}`;
const REVOKE = `mutation RevokeApiClient($id: ID!) { revokeApiClient(id: $id) { id } }`;

/**
 * The owner's integrations: OAuth2 client-credentials API clients of this store (secret shown once, rotate,
 * revoke) and webhook endpoints (`WebhookEndpoints`).
 */
@Component({
  selector: 'sp-developers-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    SecretShownOnce,
    WebhookEndpoints,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Developers</h1>
    <p>
      API clients let your own systems (ERP, warehouse, accounting) call the marketplace API for this store
      with the OAuth2 client-credentials grant. API reference:
      <a [href]="docsUrl" target="_blank" rel="noopener"
        >{{ docsUrl }}<span class="visually-hidden"> (opens in a new tab)</span></a
      >.
    </p>

    <h2>API clients</h2>
    <form [formGroup]="form" (ngSubmit)="create()" novalidate class="create">
      <mat-form-field>
        <mat-label>Client name</mat-label>
        <input matInput formControlName="name" data-testid="client-name" />
        <mat-hint>What uses it, e.g. "ERP sync"</mat-hint>
        <mat-error>{{ error() }}</mat-error>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-client">
        Create API client
      </button>
    </form>

    @if (issued(); as i) {
      <sp-secret-shown-once
        [heading]="'Secret of ' + i.apiClient.name"
        [secret]="i.clientSecret"
        label="Client secret"
        [identifier]="{ label: 'Client id', value: i.apiClient.clientId, testId: 'issued-client-id' }"
        testId="client-secret"
        (dismissed)="issued.set(null)"
      />
    }

    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading API clients" />
    }
    @if (failure(); as message) {
      <p class="error" role="alert" data-testid="developers-error">{{ message }}</p>
    }
    @if (clients(); as list) {
      @if (list.length === 0) {
        <p class="notice" role="status" data-testid="clients-empty">No API clients yet.</p>
      } @else {
        <div class="table-scroll" tabindex="0" role="region" aria-label="API clients, scrollable">
          <table mat-table class="stacked" [dataSource]="list" aria-label="API clients">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
              <td mat-cell data-label="Name" *matCellDef="let c">{{ c.name }}</td>
            </ng-container>
            <ng-container matColumnDef="clientId">
              <th mat-header-cell *matHeaderCellDef scope="col">Client id</th>
              <td mat-cell data-label="Client id" *matCellDef="let c" class="client-id">
                <code>{{ c.clientId }}</code>
              </td>
            </ng-container>
            <ng-container matColumnDef="created">
              <th mat-header-cell *matHeaderCellDef scope="col">Created</th>
              <td mat-cell data-label="Created" *matCellDef="let c">
                {{ c.createdAt | date: 'mediumDate' }}
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
              <td mat-cell data-label="Actions" *matCellDef="let c" class="row-actions">
                <div class="row-buttons">
                  <button
                    mat-button
                    type="button"
                    (click)="rotate(c)"
                    [disabled]="busy()"
                    data-testid="rotate-client"
                  >
                    New secret<span class="visually-hidden"> for {{ c.name }}</span>
                  </button>
                  @if (confirming() === c.id) {
                    <button
                      mat-flat-button
                      type="button"
                      (click)="revoke(c)"
                      [disabled]="busy()"
                      data-testid="confirm-revoke"
                    >
                      Revoke {{ c.name }} now
                    </button>
                    <button mat-button type="button" (click)="confirming.set(null)">Keep</button>
                  } @else {
                    <button
                      mat-button
                      type="button"
                      (click)="confirming.set(c.id)"
                      data-testid="revoke-client"
                    >
                      Revoke<span class="visually-hidden"> {{ c.name }}</span>
                    </button>
                  }
                </div>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="api-client"></tr>
          </table>
        </div>
      }
    }

    <sp-webhook-endpoints />
  `,
  styles: `
    .create {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: baseline;
      max-width: 720px;
      mat-form-field {
        flex: 1 1 260px;
      }
    }
    code {
      overflow-wrap: anywhere;
    }
    .client-id {
      max-width: 260px;
    }
  `,
})
export class DevelopersPage {
  private readonly api = inject(Api);
  protected readonly docsUrl = new URL('/docs', inject(PORTAL_CONFIG).graphqlUrl).href;
  protected readonly columns = ['name', 'clientId', 'created', 'actions'];
  protected readonly clients = signal<ApiClient[] | null>(null);
  protected readonly issued = signal<Issued | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly failure = signal('');
  protected readonly busy = signal(false);
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(255)]],
  });

  constructor() {
    void this.load();
  }

  protected error(): string {
    return fieldError(this.form.controls.name, 'Client name');
  }

  protected async create(): Promise<void> {
    if (this.form.invalid || !this.form.controls.name.value.trim()) {
      this.form.controls.name.setErrors({ required: true });
      this.form.markAllAsTouched();
      return;
    }
    await this.act(async () => {
      const { createApiClient } = await this.api.request<{ createApiClient: Issued }>(CREATE, {
        name: this.form.controls.name.value.trim(),
      });
      this.formDirective().resetForm();
      this.issued.set(createApiClient);
    });
  }

  protected rotate(client: ApiClient): Promise<void> {
    return this.act(async () => {
      const { rotateApiClientSecret } = await this.api.request<{ rotateApiClientSecret: Issued }>(ROTATE, {
        id: client.id,
      });
      this.issued.set(rotateApiClientSecret);
    });
  }

  protected revoke(client: ApiClient): Promise<void> {
    return this.act(async () => {
      await this.api.request(REVOKE, { id: client.id });
      this.confirming.set(null);
      if (this.issued()?.apiClient.id === client.id) this.issued.set(null);
    });
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.failure.set('');
    try {
      await action();
      await this.load();
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.clients.set((await this.api.request<{ apiClients: ApiClient[] }>(CLIENTS)).apiClients);
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
