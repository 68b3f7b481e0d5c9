import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api, formatMoney, listSelection, PagedList, pageOf, type RawList } from '@marketplace/web-portal';
import { DecisionPanel } from '../../shared/decision-panel';
import { ListStates } from '../../shared/list-states';

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
const REJECT = `mutation Reject($id: ID!, $reason: String!) { rejectProduct(id: $id, reason: $reason) { id status } }`;
const PAGE_SIZE = 20;
const FILTER_LABEL: Record<ModerationFilter, string> = {
  FLAGGED: 'flagged',
  REMOVED: 'removed',
  NONE: 'unmoderated or approved',
  ALL: '',
};
const VERB: Record<Moderation, string> = { NONE: 'Approved', FLAGGED: 'Flagged', REMOVED: 'Removed' };
/** A decision offered on a product's row. */
interface RowAction {
  label: 'Approve' | 'Restore' | 'Flag' | 'Reject' | 'Remove';
  take: () => Promise<void>;
}
const REASON_REQUIRED = 'A policy reason of at least 3 characters is required to flag, reject or remove.';

/**
 * Products of every seller (or of one) in every state, from the catalog's admin query (server-side pages), with
 * the decisions of ADR 0061: approve (a note optional), flag, reject (back to the seller as a draft) and remove,
 * the last three with a policy reason. Used by the moderation queue and the seller page.
 */
@Component({
  selector: 'ap-product-moderation',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatTableModule,
    DecisionPanel,
    ListStates,
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
    <ap-decision-panel
      #decision
      label="Policy reason"
      hint="Required to flag, reject or remove (3–1000 characters; the seller sees it); optional note to approve. Recorded in the audit log."
      fieldTestId="policy-reason"
      doneTestId="moderation-done"
      failureTestId="moderation-error"
    />
    <ap-list-states
      [list]="list"
      [loadingLabel]="'Loading ' + label()"
      [empty]="emptyText()"
      emptyTestId="no-moderated-products"
      moreTestId="more-products"
    >
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
              @for (action of actionsOf(p); track action.label) {
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="decision.busy()"
                  (click)="action.take()"
                  [attr.aria-label]="action.label + ' ' + p.title"
                >
                  {{ action.label }}
                </button>
              }
            </div>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()" data-testid="moderated-product"></tr>
      </table>
    </ap-list-states>
  `,
  styles: `
    :host {
      display: block;
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
  private readonly decision = viewChild.required(DecisionPanel);
  protected readonly filter = signal<ModerationFilter>('ALL');
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

  protected emptyText(): string {
    const state = FILTER_LABEL[this.filter()];
    return `No ${state ? `${state} ` : ''}products${this.sellerId() ? ' of this seller' : ''}.`;
  }

  /**
   * What may be decided on `product` now: approve a flagged one (restore a removed one), flag, reject a published
   * one back to its seller, remove.
   */
  protected actionsOf(product: ModeratedProduct): RowAction[] {
    const actions: RowAction[] = [];
    if (product.moderation !== 'NONE')
      actions.push({
        label: product.moderation === 'REMOVED' ? 'Restore' : 'Approve',
        take: () => this.moderate(product, 'NONE'),
      });
    if (product.moderation !== 'FLAGGED')
      actions.push({ label: 'Flag', take: () => this.moderate(product, 'FLAGGED') });
    if (product.status === 'PUBLISHED' && product.moderation !== 'REMOVED')
      actions.push({ label: 'Reject', take: () => this.reject(product) });
    if (product.moderation !== 'REMOVED')
      actions.push({ label: 'Remove', take: () => this.moderate(product, 'REMOVED') });
    return actions;
  }

  protected stateLabel(state: Moderation): string {
    return state === 'NONE' ? 'not flagged' : state.toLowerCase();
  }

  protected show(filter: ModerationFilter): void {
    this.filter.set(filter);
    this.decision().clearOutcome();
    void this.list.reload();
  }

  private async moderate(product: ModeratedProduct, moderation: Moderation): Promise<void> {
    const decision = this.decision();
    const reason = decision.reasonFor(moderation === 'NONE' ? undefined : REASON_REQUIRED);
    if (reason === false) return;
    await decision.run(async () => {
      await this.api.request(MODERATE, { id: product.id, moderation, reason });
      await this.list.reload();
      return `${VERB[moderation]} “${product.title}”.`;
    });
  }

  private async reject(product: ModeratedProduct): Promise<void> {
    const decision = this.decision();
    const reason = decision.reasonFor(REASON_REQUIRED);
    if (reason === false) return;
    await decision.run(async () => {
      await this.api.request(REJECT, { id: product.id, reason });
      await this.list.reload();
      return `Rejected “${product.title}”: back to the seller as a draft, flagged until approved.`;
    });
  }
}
