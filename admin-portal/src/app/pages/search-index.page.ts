import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';

interface SearchIndexStatus {
  products: number;
  generation: number;
  builtAt: string | null;
  buildMs: number | null;
  rebuilding: boolean;
}

const FIELDS = 'products generation builtAt buildMs rebuilding';

/** The catalog search index: its state, and a rebuild for data loaded outside the catalog's own writes. */
@Component({
  selector: 'ap-search-index-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Search index</h1>
    @if (status(); as s) {
      <dl class="facts" data-testid="index-status">
        <dt>State</dt>
        <dd data-testid="index-state">
          {{ s.rebuilding ? 'Rebuilding (searches use the previous index)' : 'Ready' }}
        </dd>
        <dt>Products buyers can find</dt>
        <dd>{{ s.products }}</dd>
        <dt>Changes since the build</dt>
        <dd>{{ s.generation }}</dd>
        <dt>Built</dt>
        <dd>
          {{ s.builtAt ? (s.builtAt | date: 'medium') : 'not yet'
          }}{{ s.buildMs !== null ? ' in ' + s.buildMs + ' ms' : '' }}
        </dd>
      </dl>
    } @else if (!error()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the index status" />
    }
    <mat-form-field class="reason">
      <mat-label>Reason for a rebuild (audit log)</mat-label>
      <input matInput [formControl]="reason" data-testid="rebuild-reason" />
      <mat-hint>Optional; recorded in the audit log with the rebuild.</mat-hint>
      @if (reason.invalid) {
        <mat-error>{{ reasonError() }}</mat-error>
      }
    </mat-form-field>
    <div class="actions">
      <button
        mat-flat-button
        type="button"
        (click)="rebuild()"
        [disabled]="status()?.rebuilding"
        data-testid="rebuild"
      >
        Rebuild the index
      </button>
      <span role="status" data-testid="rebuild-message">{{ message() }}</span>
    </div>
    @if (error(); as text) {
      <p class="error" role="alert">{{ text }}</p>
    }
    <p>Refreshed every 5 seconds; last at {{ checkedAt() | date: 'mediumTime' }}.</p>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
    }
    .facts dt {
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
    }
    .reason {
      display: block;
      max-width: 480px;
      margin-top: 16px;
    }
  `,
})
export class SearchIndexPage {
  private readonly api = inject(Api);
  protected readonly status = signal<SearchIndexStatus | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal('');
  protected readonly checkedAt = signal(new Date());
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: Validators.maxLength(1000),
  });

  constructor() {
    void this.load();
    const timer = setInterval(() => void this.load(), 5000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected reasonError(): string {
    return fieldError(this.reason, 'Reason');
  }

  protected async rebuild(): Promise<void> {
    if (this.reason.invalid) return;
    try {
      const { rebuildSearchIndex } = await this.api.request<{ rebuildSearchIndex: SearchIndexStatus }>(
        `mutation Rebuild($reason: String) { rebuildSearchIndex(reason: $reason) { ${FIELDS} } }`,
        { reason: this.reason.value.trim() || null },
      );
      this.status.set(rebuildSearchIndex);
      this.message.set('Rebuild started.');
      this.reason.reset();
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }

  private async load(): Promise<void> {
    try {
      const { searchIndexStatus } = await this.api.request<{ searchIndexStatus: SearchIndexStatus }>(
        `query IndexStatus { searchIndexStatus { ${FIELDS} } }`,
      );
      this.status.set(searchIndexStatus);
      this.checkedAt.set(new Date());
      this.error.set(null);
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }
}
