import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  Api,
  fieldError,
  formatMoney,
  listSelection,
  messageOf,
  PagedList,
  pageOf,
  type RawList,
} from '@marketplace/web-portal';

export type Moderation = 'NONE' | 'FLAGGED' | 'REMOVED';
export type ModerationFilter = Moderation | 'ALL';

export interface ModeratedProduct {
  id: string;
  title: string;
  status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  moderation: Moderation;
  moderationReason: string | null;
  minPrice: number;
  currency: string;
  updatedAt: string;
  seller: { id: string; name: string | null };
}

const PRODUCTS = `query AdminProducts($moderation: ModerationState, $sellerId: ID, $first: Int, $after: String) {
  adminProducts(moderation: $moderation, sellerId: $sellerId, first: $first, after: $after) {
    ${listSelection('id title status moderation moderationReason minPrice currency updatedAt seller { id name }')}
  }
}`;
const MODERATE = `mutation Moderate($id: ID!, $moderation: ModerationState!, $reason: String) {
  moderateProduct(id: $id, moderation: $moderation, reason: $reason) { id moderation }
}`;
const PAGE_SIZE = 20;
const FILTER_LABEL: Record<ModerationFilter, string> = {
  FLAGGED: 'flagged',
  REMOVED: 'removed',
  NONE: 'unmoderated or approved',
  ALL: '',
};
const VERB: Record<Moderation, string> = { NONE: 'Approved', FLAGGED: 'Flagged', REMOVED: 'Removed' };

/**
 * Products of every seller (or of one) in every state, from the catalog's admin query (server-side pages), with
 * approve, flag and remove and the policy reason the last two require. Used by the moderation queue and the
 * seller page.
 */
@Component({
  selector: 'ap-product-moderation',
  imports: [
    DatePipe,
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      [attr.aria-label]="'Show ' + label() + ' by moderation state'"
      [value]="filter()"
      (change)="show($event.value)"
      data-testid="moderation-filter"
    >
      <mat-button-toggle value="FLAGGED">Flagged</mat-button-toggle>
      <mat-button-toggle value="REMOVED">Removed</mat-button-toggle>
      <mat-button-toggle value="NONE">Not flagged</mat-button-toggle>
      <mat-button-toggle value="ALL">All</mat-button-toggle>
    </mat-button-toggle-group>
    <mat-form-field class="reason" subscriptSizing="dynamic">
      <mat-label>Policy reason</mat-label>
      <textarea
        #reasonInput
        matInput
        rows="2"
        [formControl]="reason"
        data-testid="policy-reason"
        [attr.aria-describedby]="hintId()"
      ></textarea>
      <mat-hint [id]="hintId()"
        >Required to flag or remove (3–1000 characters; the seller sees it); optional note to approve.
        Recorded in the audit log.</mat-hint
      >
      @if (reason.invalid) {
        <mat-error>{{ reasonError() }}</mat-error>
      }
    </mat-form-field>
    @if (done(); as message) {
      <p class="notice" role="status" data-testid="moderation-done">{{ message }}</p>
    }
    @if (actionError(); as message) {
      <p class="error" role="alert" data-testid="moderation-error">{{ message }}</p>
    }
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + label()" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
      <button mat-stroked-button type="button" (click)="reload()">Try again</button>
    }
    @if (!loading() && !error() && rows().length === 0) {
      <p class="notice" data-testid="no-moderated-products">
        No {{ filterLabel[filter()] }} products{{ sellerId() ? ' of this seller' : '' }}.
      </p>
    }
    @if (rows().length) {
      <table mat-table class="stacked" [dataSource]="rows()" [attr.aria-label]="label()">
        <ng-container matColumnDef="title">
          <th mat-header-cell *matHeaderCellDef scope="col">Product</th>
          <td mat-cell *matCellDef="let p" data-label="Product" data-testid="product-title">
            <div>
              {{ p.title }} <span class="status">{{ p.status.toLowerCase() }}</span>
              <span class="muted">{{ money(p.minPrice, p.currency) }}</span>
            </div>
          </td>
        </ng-container>
        <ng-container matColumnDef="seller">
          <th mat-header-cell *matHeaderCellDef scope="col">Seller</th>
          <td mat-cell *matCellDef="let p" data-label="Seller">
            <div>
              <a [routerLink]="['/sellers', p.seller.id]">{{ p.seller.name ?? p.seller.id }}</a>
            </div>
          </td>
        </ng-container>
        <ng-container matColumnDef="moderation">
          <th mat-header-cell *matHeaderCellDef scope="col">Moderation</th>
          <td mat-cell *matCellDef="let p" data-label="Moderation">
            <div>
              <span class="status" data-testid="moderation">{{ stateLabel(p.moderation) }}</span>
              @if (p.moderationReason) {
                <span class="why" data-testid="moderation-reason">{{ p.moderationReason }}</span>
              }
            </div>
          </td>
        </ng-container>
        <ng-container matColumnDef="updated">
          <th mat-header-cell *matHeaderCellDef scope="col">Last change</th>
          <td mat-cell *matCellDef="let p" data-label="Last change">
            <div>{{ p.updatedAt | date: 'medium' }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef scope="col">Moderate</th>
          <td mat-cell *matCellDef="let p" data-label="Moderate">
            <div class="row-actions">
              @if (p.moderation !== 'NONE') {
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="busy()"
                  (click)="moderate(p, 'NONE')"
                  [attr.aria-label]="(p.moderation === 'REMOVED' ? 'Restore ' : 'Approve ') + p.title"
                >
                  {{ p.moderation === 'REMOVED' ? 'Restore' : 'Approve' }}
                </button>
              }
              @if (p.moderation !== 'FLAGGED') {
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="busy()"
                  (click)="moderate(p, 'FLAGGED')"
                  [attr.aria-label]="'Flag ' + p.title"
                >
                  Flag
                </button>
              }
              @if (p.moderation !== 'REMOVED') {
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="busy()"
                  (click)="moderate(p, 'REMOVED')"
                  [attr.aria-label]="'Remove ' + p.title"
                >
                  Remove
                </button>
              }
            </div>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()" data-testid="moderated-product"></tr>
      </table>
      @if (hasNextPage()) {
        <div class="actions">
          <button mat-stroked-button type="button" (click)="more()" data-testid="more-products">
            Show more
          </button>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .reason {
      display: block;
      max-width: 560px;
      margin: 12px 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin-left: 4px;
    }
    .why {
      display: block;
      margin-top: 4px;
      overflow-wrap: anywhere;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      padding: 4px 0;
    }
  `,
})
export class ProductModeration {
  /** One seller's products; all sellers' without. */
  readonly sellerId = input<string | null>(null);
  readonly initialFilter = input<ModerationFilter>('ALL');
  readonly label = input('Products');
  private readonly api = inject(Api);
  private readonly reasonInput = viewChild<ElementRef<HTMLTextAreaElement>>('reasonInput');
  protected readonly filterLabel = FILTER_LABEL;
  protected readonly filter = signal<ModerationFilter>('ALL');
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(1000)],
  });
  protected readonly list = new PagedList<ModeratedProduct>(async (after) => {
    const filter = this.filter();
    const { adminProducts } = await this.api.request<{ adminProducts: RawList<ModeratedProduct> }>(PRODUCTS, {
      moderation: filter === 'ALL' ? null : filter,
      sellerId: this.sellerId(),
      first: PAGE_SIZE,
      after,
    });
    return pageOf(adminProducts);
  });
  protected readonly rows = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly hasNextPage = this.list.hasNextPage;
  protected readonly money = formatMoney;

  constructor() {
    let first = true;
    effect(() => {
      this.sellerId();
      if (first) this.filter.set(this.initialFilter());
      first = false;
      void this.list.reload();
    });
  }

  protected columns(): string[] {
    return this.sellerId()
      ? ['title', 'moderation', 'updated', 'actions']
      : ['title', 'seller', 'moderation', 'updated', 'actions'];
  }

  protected hintId(): string {
    return `policy-reason-hint-${this.sellerId() ?? 'all'}`;
  }

  protected stateLabel(state: Moderation): string {
    return state === 'NONE' ? 'not flagged' : state.toLowerCase();
  }

  protected reasonError(): string {
    return fieldError(this.reason, 'Policy reason');
  }

  protected show(filter: ModerationFilter): void {
    this.filter.set(filter);
    this.done.set(null);
    void this.list.reload();
  }

  protected reload(): void {
    void this.list.reload();
  }

  protected more(): void {
    void this.list.more();
  }

  protected async moderate(product: ModeratedProduct, moderation: Moderation): Promise<void> {
    this.done.set(null);
    this.actionError.set(null);
    const why = this.reason.value.trim();
    if (moderation !== 'NONE' && why.length < 3) {
      this.reason.setErrors({
        message: 'A policy reason of at least 3 characters is required to flag or remove.',
      });
      this.reason.markAsTouched();
      this.reasonInput()?.nativeElement.focus();
      return;
    }
    if (this.reason.invalid) return;
    this.busy.set(true);
    try {
      await this.api.request(MODERATE, { id: product.id, moderation, reason: why || null });
      this.done.set(`${VERB[moderation]} “${product.title}”.`);
      this.reason.reset();
      await this.list.reload();
    } catch (error) {
      this.actionError.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }
}
