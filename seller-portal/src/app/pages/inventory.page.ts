import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute } from '@angular/router';
import { Api, fieldError, listSelection, messageOf, type Page, pageOf } from '@marketplace/web-portal';
import { refusedPath, showRefusalAtField } from '../shared/refusals';

interface StockLevel {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number | null;
}
interface Location {
  id: string;
  code: string;
  name: string;
}
interface Adjustment {
  id: string;
  reason: string;
  onHandBefore: number;
  onHandAfter: number;
  createdAt: string;
}

const LEVELS = `query Levels($first: Int!, $after: String, $sku: String) {
  stockLevels(first: $first, after: $after, sku: $sku) { ${listSelection('sku locationId onHand reserved available lowStockThreshold')} }
}`;
const HISTORY = `query History($sku: String!) { stockAdjustments(sku: $sku) { id reason onHandBefore onHandAfter createdAt } }`;
const SET = `mutation Set($input: SetStockInput!) { setStock(input: $input) { sku onHand } }`;
const ADJUST = `mutation Adjust($input: AdjustStockInput!) { adjustStock(input: $input) { sku onHand } }`;
const LOCATIONS = `query Locations { stockLocations { id code name } }`;

/** A whole number (the number input lets "2.5" through). */
const wholeNumber: ValidatorFn = (control) =>
  control.value === null || control.value === '' || Number.isInteger(Number(control.value))
    ? null
    : { message: 'Low-stock threshold must be a whole number.' };

/** Stock per SKU and location: set a counted quantity or adjust by units, always with a reason; history. */
@Component({
  selector: 'sp-inventory-page',
  imports: [
    ReactiveFormsModule,
    DatePipe,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatButtonToggleModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Inventory</h1>
    <h2>Change stock</h2>
    <form [formGroup]="form" (ngSubmit)="apply()" novalidate class="change">
      <mat-button-toggle-group formControlName="mode" aria-label="How to change the stock">
        <mat-button-toggle value="set">Set units on hand</mat-button-toggle>
        <mat-button-toggle value="adjust">Add or remove units</mat-button-toggle>
      </mat-button-toggle-group>
      <div class="form-grid">
        <mat-form-field>
          <mat-label>SKU</mat-label>
          <input matInput formControlName="sku" data-testid="stock-sku" />
          <mat-error>{{ error('sku', 'SKU') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{
            form.controls.mode.value === 'set' ? 'Units on hand' : 'Units (+ added, − removed)'
          }}</mat-label>
          <input matInput type="number" formControlName="units" data-testid="stock-units" />
          <mat-error>{{ error('units', 'Units') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Reason</mat-label>
          <input matInput formControlName="reason" data-testid="stock-reason" />
          <mat-hint>e.g. goods received, stock count, damaged</mat-hint>
          <mat-error>{{ error('reason', 'Reason') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Low-stock threshold (optional)</mat-label>
          <input
            matInput
            type="number"
            min="1"
            step="1"
            formControlName="threshold"
            data-testid="stock-threshold"
          />
          <mat-hint
            >Whole number, at least 1: the dashboard lists the SKU when it has this many or fewer</mat-hint
          >
          <mat-error data-testid="stock-threshold-error">{{
            error('threshold', 'Low-stock threshold')
          }}</mat-error>
        </mat-form-field>
      </div>
      @if (failure(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      @if (done(); as message) {
        <p class="notice" role="status" data-testid="stock-saved">{{ message }}</p>
      }
      <button mat-flat-button type="submit" [disabled]="busy()" data-testid="stock-apply">Save stock</button>
    </form>

    <h2>Stock levels</h2>
    @if (levels() === null && !failure()) {
      <p class="notice" role="status">Loading stock…</p>
    }
    @if (levels(); as page) {
      @if (page.nodes.length === 0) {
        <p class="notice" role="status">No stock recorded yet.</p>
      } @else {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Stock levels, scrollable">
          <table mat-table [dataSource]="page.nodes" aria-label="Stock levels">
            <ng-container matColumnDef="sku">
              <th mat-header-cell *matHeaderCellDef scope="col">SKU</th>
              <td mat-cell *matCellDef="let level">
                <button mat-button type="button" (click)="select(level.sku)">{{ level.sku }}</button>
              </td>
            </ng-container>
            <ng-container matColumnDef="location">
              <th mat-header-cell *matHeaderCellDef scope="col">Location</th>
              <td mat-cell *matCellDef="let level" data-testid="stock-location">
                {{ locationName(level.locationId) }}
              </td>
            </ng-container>
            <ng-container matColumnDef="onHand">
              <th mat-header-cell *matHeaderCellDef scope="col">On hand</th>
              <td mat-cell *matCellDef="let level" data-testid="on-hand">{{ level.onHand }}</td>
            </ng-container>
            <ng-container matColumnDef="reserved">
              <th mat-header-cell *matHeaderCellDef scope="col">Reserved</th>
              <td mat-cell *matCellDef="let level">{{ level.reserved }}</td>
            </ng-container>
            <ng-container matColumnDef="available">
              <th mat-header-cell *matHeaderCellDef scope="col">Available</th>
              <td mat-cell *matCellDef="let level">{{ level.available }}</td>
            </ng-container>
            <ng-container matColumnDef="threshold">
              <th mat-header-cell *matHeaderCellDef scope="col">Low-stock threshold</th>
              <td mat-cell *matCellDef="let level" data-testid="stock-row-threshold">
                {{ level.lowStockThreshold ?? 'none' }}
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="stock-row"></tr>
          </table>
        </div>
        <div class="actions">
          @if (page.hasNextPage) {
            <button mat-stroked-button type="button" (click)="more(page)">Show more</button>
          }
        </div>
      }
    }
    @if (historySku(); as sku) {
      <h2>History of {{ sku }}</h2>
      <ul class="history" data-testid="history">
        @for (entry of history(); track entry.id) {
          <li>
            {{ entry.createdAt | date: 'medium' }}: {{ entry.onHandBefore }} → {{ entry.onHandAfter }} ({{
              entry.reason
            }})
          </li>
        } @empty {
          <li>No manual changes.</li>
        }
      </ul>
    }
  `,
  styles: `
    .change {
      max-width: 960px;
    }
    mat-button-toggle-group {
      margin-bottom: 12px;
      flex-wrap: wrap;
    }
  `,
})
export class InventoryPage {
  private readonly api = inject(Api);
  protected readonly columns = ['sku', 'location', 'onHand', 'reserved', 'available', 'threshold'];
  protected readonly levels = signal<Page<StockLevel> | null>(null);
  private readonly locations = signal(new Map<string, Location>());
  protected readonly history = signal<Adjustment[]>([]);
  protected readonly historySku = signal('');
  protected readonly failure = signal('');
  protected readonly done = signal('');
  protected readonly busy = signal(false);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    mode: ['set' as 'set' | 'adjust'],
    sku: [
      inject(ActivatedRoute).snapshot.queryParamMap.get('sku') ?? '',
      [Validators.required, Validators.maxLength(64)],
    ],
    units: [null as number | null, [Validators.required, Validators.min(0), Validators.max(1_000_000)]],
    reason: ['', [Validators.required, Validators.maxLength(200)]],
    threshold: [null as number | null, [Validators.min(1), Validators.max(1_000_000), wholeNumber]],
  });

  constructor() {
    this.form.controls.mode.valueChanges.subscribe((mode) => {
      const units = this.form.controls.units;
      units.setValidators(
        mode === 'set'
          ? [Validators.required, Validators.min(0), Validators.max(1_000_000)]
          : [Validators.required, Validators.min(-1_000_000), Validators.max(1_000_000)],
      );
      units.updateValueAndValidity();
    });
    void this.load(null);
  }

  protected locationName(id: string): string {
    const location = this.locations().get(id);
    return location ? `${location.name} (${location.code})` : id;
  }

  private async loadLocations(): Promise<void> {
    try {
      const { stockLocations } = await this.api.request<{ stockLocations: Location[] }>(LOCATIONS);
      this.locations.set(new Map(stockLocations.map((location) => [location.id, location])));
    } catch (error) {
      this.failure.set(messageOf(error));
    }
  }

  protected error(name: 'sku' | 'units' | 'reason' | 'threshold', label: string): string {
    return fieldError(this.form.controls[name], label);
  }

  protected async apply(): Promise<void> {
    this.failure.set('');
    this.done.set('');
    const { mode, sku, units, reason, threshold } = this.form.getRawValue();
    if (mode === 'adjust' && units === 0)
      this.form.controls.units.setErrors({ message: 'Units must not be 0.' });
    if (this.form.invalid || units === null) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    try {
      // The threshold goes with the stock change in one call: the service saves both or neither, so a refused
      // threshold never leaves the stock changed (and retrying an adjustment never applies it twice).
      const input = {
        sku: sku.trim(),
        reason: reason.trim(),
        ...(threshold === null || (threshold as unknown) === ''
          ? {}
          : { lowStockThreshold: Number(threshold) }),
      };
      if (mode === 'set') await this.api.request(SET, { input: { ...input, onHand: units } });
      else await this.api.request(ADJUST, { input: { ...input, delta: units } });
      this.done.set(`Stock of ${input.sku} saved.`);
      await this.load(null);
      await this.showHistory(input.sku);
    } catch (error) {
      const shown = showRefusalAtField(error, (message) => {
        const path = refusedPath(message);
        if (path === 'sku' || path === 'reason') return this.form.controls[path];
        if (path === 'onHand' || path === 'delta') return this.form.controls.units;
        if (path === 'lowStockThreshold') return this.form.controls.threshold;
        // "No stock of <sku> at …": nothing to take units from.
        return message.startsWith('No stock of') ? this.form.controls.sku : null;
      });
      if (!shown) this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** A SKU picked in the table: its history, and the form set to change it. */
  protected async select(sku: string): Promise<void> {
    this.form.controls.sku.setValue(sku);
    await this.showHistory(sku);
  }

  private async showHistory(sku: string): Promise<void> {
    this.historySku.set(sku);
    try {
      this.history.set(
        (await this.api.request<{ stockAdjustments: Adjustment[] }>(HISTORY, { sku })).stockAdjustments,
      );
    } catch (error) {
      this.failure.set(messageOf(error));
    }
  }

  protected more(page: Page<StockLevel>): void {
    void this.load(page.endCursor, page.nodes);
  }

  private async load(after: string | null, before: StockLevel[] = []): Promise<void> {
    try {
      const { stockLevels } = await this.api.request<{
        stockLevels: Parameters<typeof pageOf<StockLevel>>[0];
      }>(LEVELS, { first: 50, after });
      const page = pageOf(stockLevels);
      this.levels.set({ ...page, nodes: [...before, ...page.nodes] });
      // A location created by this change (the default one, on first use) is not known yet.
      if (page.nodes.some((level) => !this.locations().has(level.locationId))) await this.loadLocations();
    } catch (error) {
      this.failure.set(messageOf(error));
    }
  }
}
