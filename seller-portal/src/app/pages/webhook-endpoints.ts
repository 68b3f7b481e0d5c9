import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';
import { SecretShownOnce } from '../shared/secret-shown-once';
import { urlParts } from '../shared/url-parts';

interface Endpoint {
  id: string;
  url: string;
  description: string;
  topics: string[];
  enabled: boolean;
  disabledReason: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
}
interface Issued {
  endpoint: Endpoint;
  secret: string;
  rotated: boolean;
}
interface Attempt {
  id: string;
  eventId: string;
  topic: string;
  attempt: number;
  manual: boolean;
  status: string;
  responseStatus: number | null;
  latencyMs: number;
  error: string | null;
  attemptedAt: string;
}
interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const FIELDS = 'id url description topics enabled disabledReason previousSecretExpiresAt createdAt';
const ENDPOINTS = `query WebhookEndpoints {
  webhookTopics
  webhookEndpoints(first: 20) { nodes { ${FIELDS} } }
}`;
const CREATE = `mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { ${FIELDS} } }
}`;
const UPDATE = `mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) { ${FIELDS} }
}`;
const ROTATE = `mutation RotateWebhookSecret($input: RotateWebhookSecretInput!) {
  rotateWebhookEndpointSecret(input: $input) { secret endpoint { ${FIELDS} } }
}`;
const DELETE = `mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }`;
const ATTEMPTS = `query WebhookDeliveryAttempts($endpointId: ID!, $after: String) {
  webhookDeliveryAttempts(endpointId: $endpointId, first: 20, after: $after) {
    nodes { id eventId topic attempt manual status responseStatus latencyMs error attemptedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;
const REDELIVER = `mutation RedeliverWebhookEvent($endpointId: ID!, $eventId: ID!) {
  redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId)
}`;

/**
 * The owner's webhook endpoints (Developers page): create with a topic picker (secret shown once), pause and
 * resume, rotate the secret (the previous one keeps signing for a day), delete after confirming, and each
 * endpoint's delivery log with redelivery. The API enforces who may: staff never reach this page.
 */
@Component({
  selector: 'sp-webhook-endpoints',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    SecretShownOnce,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Webhooks</h2>
    <p>
      The marketplace POSTs your store's events (orders, refunds, products, stock, payouts, reviews) to your
      URL, signed per Standard Webhooks with the endpoint's secret, retrying for about a day.
    </p>

    <form [formGroup]="form" (ngSubmit)="create()" novalidate class="create" data-testid="webhook-form">
      <mat-form-field class="url">
        <mat-label>Endpoint URL</mat-label>
        <input matInput type="url" formControlName="url" data-testid="webhook-url" />
        <mat-hint>https://… of your system</mat-hint>
        <mat-error>{{ urlError() }}</mat-error>
      </mat-form-field>
      <mat-form-field class="url">
        <mat-label>Description (optional)</mat-label>
        <input matInput formControlName="description" data-testid="webhook-description" />
      </mat-form-field>
      <fieldset class="topics" data-testid="webhook-topics">
        <legend>Topics</legend>
        @for (topic of topics(); track topic) {
          <mat-checkbox [checked]="chosen().includes(topic)" (change)="toggle(topic, $event.checked)">
            {{ topic }}
          </mat-checkbox>
        }
        @if (topicsMissing()) {
          <p class="error" role="alert">Choose at least one topic.</p>
        }
      </fieldset>
      <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-webhook">
        Add endpoint
      </button>
    </form>

    @if (issued(); as i) {
      <sp-secret-shown-once
        [heading]="(i.rotated ? 'New signing secret' : 'Signing secret') + ' of ' + i.endpoint.url"
        [secret]="i.secret"
        label="Signing secret"
        destination="your receiver"
        testId="webhook-secret"
        (dismissed)="issued.set(null)"
      >
        @if (i.rotated && i.endpoint.previousSecretExpiresAt) {
          <p data-testid="rotation-overlap">
            Until {{ i.endpoint.previousSecretExpiresAt | date: 'medium' }} every delivery carries two
            signatures, one with the previous secret and one with this one, so your receiver keeps working
            while you switch.
          </p>
        }
      </sp-secret-shown-once>
    }

    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading webhook endpoints" />
    }
    @if (failure(); as message) {
      <p class="error" role="alert" data-testid="webhooks-error">{{ message }}</p>
    }
    @if (endpoints(); as list) {
      @if (list.length === 0) {
        <p class="notice" role="status" data-testid="webhooks-empty">No webhook endpoints yet.</p>
      } @else {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Webhook endpoints, scrollable">
          <table mat-table class="stacked" [dataSource]="list" aria-label="Webhook endpoints">
            <ng-container matColumnDef="url">
              <th mat-header-cell *matHeaderCellDef scope="col">URL</th>
              <td mat-cell data-label="URL" *matCellDef="let e" class="url-cell">
                <div>
                  <code>
                    @for (part of urlParts(e.url); track $index) {
                      <span>{{ part }}</span><wbr />
                    }
                  </code>
                  @if (e.description) {
                    <div>{{ e.description }}</div>
                  }
                </div>
              </td>
            </ng-container>
            <ng-container matColumnDef="topics">
              <th mat-header-cell *matHeaderCellDef scope="col">Topics</th>
              <td mat-cell data-label="Topics" *matCellDef="let e">{{ e.topics.join(', ') }}</td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
              <td mat-cell data-label="Status" *matCellDef="let e" data-testid="webhook-status">
                {{
                  e.enabled ? 'Active' : e.disabledReason === 'failing' ? 'Disabled (kept failing)' : 'Paused'
                }}
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
              <td mat-cell data-label="Actions" *matCellDef="let e" class="row-actions">
                <div class="row-buttons">
                  <button mat-button type="button" (click)="showLog(e)" data-testid="webhook-log">
                    Delivery log<span class="visually-hidden"> of {{ e.url }}</span>
                  </button>
                  <button mat-button type="button" (click)="setEnabled(e, !e.enabled)" [disabled]="busy()">
                    {{ e.enabled ? 'Pause' : 'Resume' }}<span class="visually-hidden"> {{ e.url }}</span>
                  </button>
                  <button mat-button type="button" (click)="rotate(e)" [disabled]="busy()">
                    New secret<span class="visually-hidden"> for {{ e.url }}</span>
                  </button>
                  @if (confirming() === e.id) {
                    <button mat-flat-button type="button" (click)="remove(e)" [disabled]="busy()">
                      Delete {{ e.url }} now
                    </button>
                    <button mat-button type="button" (click)="confirming.set(null)">Keep</button>
                  } @else {
                    <button mat-button type="button" (click)="confirming.set(e.id)">
                      Delete<span class="visually-hidden"> {{ e.url }}</span>
                    </button>
                  }
                </div>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="webhook-endpoint"></tr>
          </table>
        </div>
      }
    }

    @if (logOf(); as endpoint) {
      <section aria-labelledby="log-heading" data-testid="webhook-log-panel">
        <h3 id="log-heading" tabindex="-1">Delivery log of {{ endpoint.url }} (30 days)</h3>
        @if (attempts().length === 0 && !logLoading()) {
          <p class="notice" role="status" data-testid="webhook-log-empty">No deliveries yet.</p>
        } @else {
          <div class="table-scroll" tabindex="0" role="region" aria-label="Delivery log, scrollable">
            <table mat-table class="stacked" [dataSource]="attempts()" aria-label="Delivery attempts">
              <ng-container matColumnDef="when">
                <th mat-header-cell *matHeaderCellDef scope="col">When</th>
                <td mat-cell data-label="When" *matCellDef="let a">{{ a.attemptedAt | date: 'medium' }}</td>
              </ng-container>
              <ng-container matColumnDef="topic">
                <th mat-header-cell *matHeaderCellDef scope="col">Event</th>
                <td mat-cell data-label="Event" *matCellDef="let a">
                  <span
                    >{{ a.topic }} <code>{{ a.eventId }}</code></span
                  >
                </td>
              </ng-container>
              <ng-container matColumnDef="attempt">
                <th mat-header-cell *matHeaderCellDef scope="col">Attempt</th>
                <td mat-cell data-label="Attempt" *matCellDef="let a">
                  {{ a.attempt }}{{ a.manual ? ' (redelivery)' : '' }}
                </td>
              </ng-container>
              <ng-container matColumnDef="result">
                <th mat-header-cell *matHeaderCellDef scope="col">Result</th>
                <td mat-cell data-label="Result" *matCellDef="let a">
                  {{ a.status }} · {{ a.responseStatus ?? a.error }} · {{ a.latencyMs }} ms
                </td>
              </ng-container>
              <ng-container matColumnDef="redeliver">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
                <td mat-cell data-label="Actions" *matCellDef="let a">
                  <button mat-button type="button" (click)="redeliver(endpoint, a)" [disabled]="busy()">
                    Redeliver<span class="visually-hidden"> {{ a.eventId }}</span>
                  </button>
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="logColumns"></tr>
              <tr mat-row *matRowDef="let row; columns: logColumns"></tr>
            </table>
          </div>
        }
        @if (logLoading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the delivery log" />
        }
        @if (logStatus(); as status) {
          <p role="status">{{ status }}</p>
        }
        <div class="actions">
          @if (logCursor()) {
            <button mat-stroked-button type="button" (click)="loadLog(endpoint, logCursor())">
              Older attempts
            </button>
          }
          <button mat-button type="button" (click)="logOf.set(null)">Close log</button>
        </div>
      </section>
    }
  `,
  styles: `
    .create {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: baseline;
      max-width: 960px;
      .url {
        flex: 1 1 280px;
      }
    }
    .topics {
      flex: 1 1 100%;
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    code {
      overflow-wrap: anywhere;
    }
    .url-cell {
      max-width: 280px;
    }
  `,
})
export class WebhookEndpoints {
  private readonly api = inject(Api);
  protected readonly columns = ['url', 'topics', 'status', 'actions'];
  protected readonly urlParts = urlParts;
  protected readonly logColumns = ['when', 'topic', 'attempt', 'result', 'redeliver'];
  protected readonly topics = signal<string[]>([]);
  protected readonly chosen = signal<string[]>([]);
  protected readonly topicsMissing = signal(false);
  protected readonly endpoints = signal<Endpoint[] | null>(null);
  protected readonly issued = signal<Issued | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly failure = signal('');
  protected readonly busy = signal(false);
  protected readonly logOf = signal<Endpoint | null>(null);
  protected readonly attempts = signal<Attempt[]>([]);
  protected readonly logCursor = signal<string | null>(null);
  protected readonly logLoading = signal(false);
  protected readonly logStatus = signal('');
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    url: ['', [Validators.required, Validators.maxLength(2048), Validators.pattern(/^https?:\/\/\S+$/)]],
    description: ['', [Validators.maxLength(255)]],
  });

  constructor() {
    void this.load();
  }

  protected urlError(): string {
    const control = this.form.controls.url;
    return control.hasError('pattern')
      ? 'Endpoint URL must be an https:// address'
      : fieldError(control, 'Endpoint URL');
  }

  protected toggle(topic: string, on: boolean): void {
    this.chosen.update((list) => (on ? [...list, topic] : list.filter((entry) => entry !== topic)));
    if (on) this.topicsMissing.set(false);
  }

  protected async create(): Promise<void> {
    this.topicsMissing.set(this.chosen().length === 0);
    if (this.form.invalid || this.chosen().length === 0) {
      this.form.markAllAsTouched();
      return;
    }
    const { url, description } = this.form.getRawValue();
    await this.act(async () => {
      const { createWebhookEndpoint } = await this.api.request<{
        createWebhookEndpoint: { endpoint: Endpoint; secret: string };
      }>(CREATE, {
        input: { url: url.trim(), topics: this.chosen(), description: description.trim() || null },
      });
      this.formDirective().resetForm();
      this.chosen.set([]);
      this.issued.set({ ...createWebhookEndpoint, rotated: false });
    });
  }

  protected setEnabled(endpoint: Endpoint, enabled: boolean): Promise<void> {
    return this.act(() =>
      this.api.request(UPDATE, { input: { id: endpoint.id, enabled } }).then(() => undefined),
    );
  }

  protected rotate(endpoint: Endpoint): Promise<void> {
    return this.act(async () => {
      const { rotateWebhookEndpointSecret } = await this.api.request<{
        rotateWebhookEndpointSecret: { endpoint: Endpoint; secret: string };
      }>(ROTATE, { input: { id: endpoint.id } });
      this.issued.set({ ...rotateWebhookEndpointSecret, rotated: true });
    });
  }

  protected remove(endpoint: Endpoint): Promise<void> {
    return this.act(async () => {
      await this.api.request(DELETE, { id: endpoint.id });
      this.confirming.set(null);
      if (this.issued()?.endpoint.id === endpoint.id) this.issued.set(null);
      if (this.logOf()?.id === endpoint.id) this.logOf.set(null);
    });
  }

  protected async showLog(endpoint: Endpoint): Promise<void> {
    this.logOf.set(endpoint);
    this.attempts.set([]);
    this.logStatus.set('');
    await this.loadLog(endpoint, null);
    queueMicrotask(() => document.getElementById('log-heading')?.focus());
  }

  protected async loadLog(endpoint: Endpoint, after: string | null): Promise<void> {
    this.logLoading.set(true);
    try {
      const { webhookDeliveryAttempts: page } = await this.api.request<{
        webhookDeliveryAttempts: Page<Attempt>;
      }>(ATTEMPTS, { endpointId: endpoint.id, after });
      this.attempts.update((list) => (after ? [...list, ...page.nodes] : page.nodes));
      this.logCursor.set(page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null);
    } catch (error) {
      this.logStatus.set(messageOf(error));
    } finally {
      this.logLoading.set(false);
    }
  }

  protected async redeliver(endpoint: Endpoint, attempt: Attempt): Promise<void> {
    this.busy.set(true);
    try {
      await this.api.request(REDELIVER, { endpointId: endpoint.id, eventId: attempt.eventId });
      this.logStatus.set(`${attempt.topic} ${attempt.eventId} is being sent again.`);
    } catch (error) {
      this.logStatus.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
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
      const answer = await this.api.request<{ webhookTopics: string[]; webhookEndpoints: Page<Endpoint> }>(
        ENDPOINTS,
      );
      this.topics.set(answer.webhookTopics);
      this.endpoints.set(answer.webhookEndpoints.nodes);
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
