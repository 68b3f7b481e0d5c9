import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Api, formatMoney, messageOf, toMinor } from '@marketplace/web-portal';
import { loadSellerNames, type SellerName } from '../../shared/seller-names';

interface CommissionRule {
  id: string;
  tenantId: string | null;
  categoryId: string | null;
  rateBps: number;
  minPerLine: number | null;
  minCurrency: string | null;
  updatedAt: string;
}

interface Category {
  id: string;
  name: string;
  path: string[];
}

interface Preview {
  rateBps: number;
  commission: number;
  sellerReceives: number;
  source: string;
}

type Scope = 'global' | 'category' | 'seller-category';

const LOOKUPS = `query CommissionLookups {
  commissionRules { id tenantId categoryId rateBps minPerLine minCurrency updatedAt }
  categories { id name path }
}`;
const RULES = `query CommissionRules {
  commissionRules { id tenantId categoryId rateBps minPerLine minCurrency updatedAt }
}`;
const SET_RULE = `mutation SetRule($input: CommissionRuleInput!) { setCommissionRule(input: $input) { id } }`;
const REMOVE_RULE = `mutation RemoveRule($id: ID!, $reason: String) { removeCommissionRule(id: $id, reason: $reason) { id } }`;
const PREVIEW = `query Preview($input: CommissionPreviewInput!) {
  commissionPreview(input: $input) { rateBps commission sellerReceives source }
}`;

const SOURCE_LABEL: Record<string, string> = {
  'seller-category': "the seller's rule for this category",
  seller: "the seller's own rate",
  category: "the category's rule",
  global: 'the global default',
  default: "the seller's registration rate",
};

/** Commission rules (ADR 0019): global default, per category, per seller and category, with a price preview. */
@Component({
  selector: 'ap-commissions-page',
  imports: [
    DatePipe,
    DecimalPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Commission rules</h1>
    <p class="notice">
      The most specific rule applies to each order line: the seller's rule for the category, the seller's own
      rate (set on the seller), the category's rule, then the global default. Changes apply to new order lines
      only; lines already sold keep the rate frozen at sale.
    </p>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the commission rules" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (!loading() && !error() && rules().length === 0) {
      <p class="notice" data-testid="no-rules">
        No rules yet: every line pays its seller's registration rate.
      </p>
    }
    @if (rules().length) {
      <div class="table-scroll" tabindex="0" role="region" aria-label="Commission rules, scrollable">
        <table mat-table [dataSource]="rules()" aria-label="Commission rules" data-testid="rules">
          <ng-container matColumnDef="scope">
            <th mat-header-cell *matHeaderCellDef scope="col">Applies to</th>
            <td mat-cell *matCellDef="let r" data-testid="rule-scope">{{ scopeOf(r) }}</td>
          </ng-container>
          <ng-container matColumnDef="rate">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">Rate</th>
            <td mat-cell *matCellDef="let r" class="num" data-testid="rule-rate">
              {{ r.rateBps / 100 | number: '1.0-2' }} %
            </td>
          </ng-container>
          <ng-container matColumnDef="minimum">
            <th mat-header-cell *matHeaderCellDef scope="col" class="num">Least per line</th>
            <td mat-cell *matCellDef="let r" class="num">
              {{ r.minPerLine !== null ? money(r.minPerLine, r.minCurrency) : '—' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="updated">
            <th mat-header-cell *matHeaderCellDef scope="col">Changed</th>
            <td mat-cell *matCellDef="let r">{{ r.updatedAt | date: 'medium' }}</td>
          </ng-container>
          <ng-container matColumnDef="remove">
            <th mat-header-cell *matHeaderCellDef scope="col">
              <span class="cdk-visually-hidden">Actions</span>
            </th>
            <td mat-cell *matCellDef="let r">
              <button
                mat-button
                type="button"
                [disabled]="busy()"
                (click)="remove(r)"
                [attr.aria-label]="'Remove the rule of ' + scopeOf(r)"
              >
                Remove
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
    }

    <section class="panels">
      <form [formGroup]="form" (ngSubmit)="save()" aria-labelledby="set-caption" class="panel">
        <h2 id="set-caption">Set a rule</h2>
        <mat-form-field>
          <mat-label>Applies to</mat-label>
          <mat-select formControlName="scope" data-testid="rule-kind">
            <mat-option value="global">Global default</mat-option>
            <mat-option value="category">A category</mat-option>
            <mat-option value="seller-category">A seller in a category</mat-option>
          </mat-select>
        </mat-form-field>
        @if (form.value.scope !== 'global') {
          <mat-form-field>
            <mat-label>Category</mat-label>
            <mat-select formControlName="categoryId" data-testid="rule-category">
              @for (c of categories(); track c.id) {
                <mat-option [value]="c.id">{{ categoryLabel(c) }}</mat-option>
              }
            </mat-select>
            @if (form.controls.categoryId.invalid && form.controls.categoryId.touched) {
              <mat-error>Choose a category.</mat-error>
            }
          </mat-form-field>
        }
        @if (form.value.scope === 'seller-category') {
          <mat-form-field>
            <mat-label>Seller</mat-label>
            <mat-select formControlName="tenantId" data-testid="rule-seller">
              @for (s of sellers(); track s.id) {
                <mat-option [value]="s.id">{{ s.name }}</mat-option>
              }
            </mat-select>
            @if (form.controls.tenantId.invalid && form.controls.tenantId.touched) {
              <mat-error>Choose a seller.</mat-error>
            }
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label>Rate (%)</mat-label>
          <input matInput formControlName="rate" inputmode="decimal" data-testid="rule-rate-input" />
          @if (form.controls.rate.invalid && form.controls.rate.touched) {
            <mat-error>A rate from 0 to 100 %.</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Reason (audit log)</mat-label>
          <input matInput formControlName="reason" data-testid="rule-reason" />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-rule">Save rule</button>
        @if (done(); as message) {
          <p role="status" data-testid="rule-done">{{ message }}</p>
        }
        @if (actionError(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </form>

      <form [formGroup]="preview" (ngSubmit)="runPreview()" aria-labelledby="preview-caption" class="panel">
        <h2 id="preview-caption">What would this product pay?</h2>
        <mat-form-field>
          <mat-label>Seller</mat-label>
          <mat-select formControlName="tenantId" data-testid="preview-seller">
            @for (s of sellers(); track s.id) {
              <mat-option [value]="s.id">{{ s.name }}</mat-option>
            }
          </mat-select>
          @if (preview.controls.tenantId.invalid && preview.controls.tenantId.touched) {
            <mat-error>Choose a seller.</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Category</mat-label>
          <mat-select formControlName="categoryId" data-testid="preview-category">
            <mat-option [value]="null">None</mat-option>
            @for (c of categories(); track c.id) {
              <mat-option [value]="c.id">{{ categoryLabel(c) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label>Price</mat-label>
            <input matInput formControlName="price" inputmode="decimal" data-testid="preview-price" />
            @if (preview.controls.price.invalid && preview.controls.price.touched) {
              <mat-error>A price like 24.90.</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="short">
            <mat-label>Currency</mat-label>
            <input matInput formControlName="currency" maxlength="3" />
          </mat-form-field>
        </div>
        <button mat-stroked-button type="submit" data-testid="run-preview">Preview</button>
        @if (previewed(); as p) {
          <p role="status" data-testid="preview-result">
            Pays <strong>{{ money(p.commission, preview.value.currency ?? 'EUR') }}</strong> ({{
              p.rateBps / 100 | number: '1.0-2'
            }}
            %, {{ sourceLabel(p.source) }}); the seller receives
            {{ money(p.sellerReceives, preview.value.currency ?? 'EUR') }}.
          </p>
        }
        @if (previewError(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </form>
    </section>
  `,
  styles: `
    .panels {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
      gap: 24px;
      margin-top: 24px;
    }
    .panel {
      display: flex;
      flex-direction: column;
      align-items: stretch;
    }
    .panel button {
      align-self: flex-start;
    }
    .row {
      display: flex;
      gap: 12px;
    }
    .row mat-form-field {
      flex: 1;
      min-width: 0;
    }
    .row .short {
      flex: 0 0 96px;
    }
    .num {
      text-align: right;
    }
  `,
})
export class CommissionsPage {
  private readonly api = inject(Api);
  protected readonly columns = ['scope', 'rate', 'minimum', 'updated', 'remove'];
  protected readonly rules = signal<CommissionRule[]>([]);
  protected readonly categories = signal<Category[]>([]);
  protected readonly sellers = signal<SellerName[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly previewed = signal<Preview | null>(null);
  protected readonly previewError = signal<string | null>(null);
  private readonly categoryById = computed(() => new Map(this.categories().map((c) => [c.id, c])));
  private readonly sellerById = computed(() => new Map(this.sellers().map((s) => [s.id, s])));

  protected readonly form = new FormGroup({
    scope: new FormControl<Scope>('global', { nonNullable: true }),
    categoryId: new FormControl<string | null>(null),
    tenantId: new FormControl<string | null>(null),
    rate: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{1,3}(\.\d{1,2})?$/), Validators.max(100)],
    }),
    reason: new FormControl('', { nonNullable: true }),
  });

  protected readonly preview = new FormGroup({
    tenantId: new FormControl<string | null>(null, Validators.required),
    categoryId: new FormControl<string | null>(null),
    price: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d+(\.\d{1,2})?$/)],
    }),
    currency: new FormControl('EUR', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[A-Z]{3}$/)],
    }),
  });

  constructor() {
    void this.loadAll();
  }

  protected money(minor: number, currency: string | null): string {
    return formatMoney(minor, currency ?? 'EUR');
  }

  protected sourceLabel(source: string): string {
    return SOURCE_LABEL[source] ?? source;
  }

  protected categoryLabel(category: Category): string {
    const names = category.path.map((id) => this.categoryById().get(id)?.name ?? id);
    return [...names, category.name].join(' › ');
  }

  protected scopeOf(rule: CommissionRule): string {
    const category = rule.categoryId
      ? (this.categoryById().get(rule.categoryId)?.name ?? rule.categoryId)
      : null;
    const seller = rule.tenantId ? (this.sellerById().get(rule.tenantId)?.name ?? rule.tenantId) : null;
    if (seller && category) return `${seller} in ${category}`;
    return category ? `Category ${category}` : 'Global default';
  }

  protected async save(): Promise<void> {
    const { scope, categoryId, tenantId, rate, reason } = this.form.getRawValue();
    const needsCategory = scope !== 'global';
    const needsSeller = scope === 'seller-category';
    this.form.controls.categoryId.setErrors(needsCategory && !categoryId ? { required: true } : null);
    this.form.controls.tenantId.setErrors(needsSeller && !tenantId ? { required: true } : null);
    this.form.markAllAsTouched();
    const rateBps = Math.round(Number(rate) * 100);
    if (this.form.invalid || !(rateBps >= 0 && rateBps <= 10_000)) return;
    await this.act(
      SET_RULE,
      {
        input: {
          rateBps,
          categoryId: needsCategory ? categoryId : null,
          tenantId: needsSeller ? tenantId : null,
          reason: reason || null,
        },
      },
      'Rule saved; it applies to new order lines.',
    );
  }

  protected async remove(rule: CommissionRule): Promise<void> {
    await this.act(
      REMOVE_RULE,
      { id: rule.id, reason: this.form.controls.reason.value || null },
      `Rule of ${this.scopeOf(rule)} removed.`,
    );
  }

  protected async runPreview(): Promise<void> {
    this.preview.markAllAsTouched();
    if (this.preview.invalid) return;
    const { tenantId, categoryId, price, currency } = this.preview.getRawValue();
    this.previewError.set(null);
    try {
      const { commissionPreview } = await this.api.request<{ commissionPreview: Preview }>(PREVIEW, {
        input: { tenantId, categoryId, unitPrice: toMinor(price), quantity: 1, currency },
      });
      this.previewed.set(commissionPreview);
    } catch (error) {
      this.previewed.set(null);
      this.previewError.set(messageOf(error));
    }
  }

  private async act(mutation: string, variables: Record<string, unknown>, message: string): Promise<void> {
    this.busy.set(true);
    this.done.set(null);
    this.actionError.set(null);
    try {
      await this.api.request(mutation, variables);
      const { commissionRules } = await this.api.request<{ commissionRules: CommissionRule[] }>(RULES);
      this.rules.set(commissionRules);
      this.done.set(message);
      this.previewed.set(null);
    } catch (error) {
      this.actionError.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async loadAll(): Promise<void> {
    try {
      const [answer, sellers] = await Promise.all([
        this.api.request<{ commissionRules: CommissionRule[]; categories: Category[] }>(LOOKUPS),
        loadSellerNames(this.api, 'ACTIVE'),
      ]);
      this.rules.set(answer.commissionRules);
      this.categories.set(answer.categories);
      this.sellers.set(sellers);
    } catch (error) {
      this.error.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
