import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Api, formatMoney, messageOf } from '@marketplace/web-portal';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';

interface SellerOverview {
  pending: number;
  active: number;
  suspended: number;
  newSellers: number;
  signupsByDay: { day: string; signups: number }[];
}

interface TopSeller {
  seller: { id: string; name: string };
  gmv: number;
  commission: number;
  orders: number;
}

interface SalesOverview {
  currency: string;
  currencies: string[];
  gmv: number;
  commission: number;
  takeRateBps: number;
  refunded: number;
  refundRateBps: number;
  orders: number;
  sellingSellers: number;
  byDay: { day: string; gmv: number; commission: number; orders: number }[];
  topSellers: TopSeller[];
}

const OVERVIEW = `query Overview($days: Int, $currency: String) {
  sellerOverview(days: $days) { pending active suspended newSellers signupsByDay { day signups } }
  salesOverview(days: $days, currency: $currency) {
    currency currencies gmv commission takeRateBps refunded refundRateBps orders sellingSellers
    byDay { day gmv commission orders }
    topSellers { seller { id name } gmv commission orders }
  }
}`;

const BLUE = '#1b5fc1';
const GREEN = '#1e7b34';
const GREY = '#5f6368';

/** The marketplace at a glance; every figure is computed by the services (tenants and orders). */
@Component({
  selector: 'ap-overview-page',
  imports: [
    DecimalPipe,
    RouterLink,
    MatButtonToggleModule,
    MatCardModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    NgxEchartsDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Overview</h1>
    <div class="filters">
      <mat-button-toggle-group aria-label="Period" [value]="days()" (change)="setDays($event.value)">
        <mat-button-toggle [value]="7">7 days</mat-button-toggle>
        <mat-button-toggle [value]="30">30 days</mat-button-toggle>
        <mat-button-toggle [value]="90">90 days</mat-button-toggle>
      </mat-button-toggle-group>
      @if ((sales()?.currencies?.length ?? 0) > 1) {
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Currency</mat-label>
          <mat-select [value]="sales()!.currency" (selectionChange)="setCurrency($event.value)">
            @for (code of sales()!.currencies; track code) {
              <mat-option [value]="code">{{ code }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
    </div>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the overview" />
    }
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (sales(); as s) {
      <section class="kpis" aria-label="Sales">
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-gmv">{{ money(s.gmv) }}</p>
            <p>GMV</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-take-rate">{{ s.takeRateBps / 100 | number: '1.0-2' }} %</p>
            <p>take rate ({{ money(s.commission) }} commission)</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-orders">{{ s.orders }}</p>
            <p>orders</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-refund-rate">{{ s.refundRateBps / 100 | number: '1.0-2' }} %</p>
            <p>refund rate ({{ money(s.refunded) }} refunded)</p></mat-card-content
          ></mat-card
        >
      </section>
    }
    @if (sellers(); as o) {
      <section class="kpis" aria-label="Sellers">
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-active">{{ o.active }}</p>
            <p>active sellers ({{ sales()?.sellingSellers ?? 0 }} selling)</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-new">{{ o.newSellers }}</p>
            <p>new sellers</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-pending">{{ o.pending }}</p>
            <p>awaiting approval</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi">{{ o.suspended }}</p>
            <p>suspended</p></mat-card-content
          ></mat-card
        >
      </section>
    }
    @if (sales(); as s) {
      <h2 id="sales-caption">GMV, commission and orders per day</h2>
      <div
        echarts
        [options]="salesChart()"
        class="chart"
        role="img"
        aria-labelledby="sales-caption"
        data-testid="sales-chart"
      ></div>
      <h2 id="top-caption">Top sellers</h2>
      @if (s.topSellers.length === 0) {
        <p class="notice" data-testid="top-empty">No sales in this period.</p>
      } @else {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Top sellers, scrollable">
          <table
            mat-table
            [dataSource]="s.topSellers"
            aria-labelledby="top-caption"
            data-testid="top-sellers"
          >
            <ng-container matColumnDef="rank">
              <th mat-header-cell *matHeaderCellDef scope="col">#</th>
              <td mat-cell *matCellDef="let t; let i = index">{{ i + 1 }}</td>
            </ng-container>
            <ng-container matColumnDef="seller">
              <th mat-header-cell *matHeaderCellDef scope="col">Seller</th>
              <td mat-cell *matCellDef="let t">
                <a [routerLink]="['/sellers', t.seller.id]">{{ t.seller.name }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="gmv">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">GMV</th>
              <td mat-cell *matCellDef="let t" class="num">{{ money(t.gmv) }}</td>
            </ng-container>
            <ng-container matColumnDef="commission">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">Commission</th>
              <td mat-cell *matCellDef="let t" class="num">{{ money(t.commission) }}</td>
            </ng-container>
            <ng-container matColumnDef="orders">
              <th mat-header-cell *matHeaderCellDef scope="col" class="num">Orders</th>
              <td mat-cell *matCellDef="let t" class="num">{{ t.orders }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="topColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: topColumns"></tr>
          </table>
        </div>
      }
    }
    @if (sellers()) {
      <h2 id="signups-caption">Seller sign-ups per day</h2>
      <div
        echarts
        [options]="signupsChart()"
        class="chart"
        role="img"
        aria-labelledby="signups-caption"
        data-testid="signups-chart"
      ></div>
    }
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    .kpis {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
      gap: 12px;
      margin: 16px 0;
    }
    .kpi {
      font: var(--mat-sys-headline-medium);
      margin: 0;
      overflow-wrap: anywhere;
    }
    .chart {
      height: 280px;
      width: 100%;
    }
    .num {
      text-align: right;
    }
  `,
})
export class OverviewPage {
  private readonly api = inject(Api);
  protected readonly topColumns = ['rank', 'seller', 'gmv', 'commission', 'orders'];
  protected readonly days = signal(30);
  private readonly currency = signal<string | null>(null);
  protected readonly sellers = signal<SellerOverview | null>(null);
  protected readonly sales = signal<SalesOverview | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private request = 0;

  protected readonly salesChart = computed<EChartsCoreOption>(() => {
    const s = this.sales();
    const days = s?.byDay ?? [];
    const major = (minor: number) => minor / 100;
    return {
      animation: false,
      grid: { left: 48, right: 40, top: 40, bottom: 32 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: [
        { type: 'value', name: s?.currency ?? '', nameGap: 8 },
        { type: 'value', name: 'Orders', minInterval: 1, nameGap: 8 },
      ],
      series: [
        { type: 'bar', name: 'GMV', data: days.map((d) => major(d.gmv)), itemStyle: { color: BLUE } },
        {
          type: 'bar',
          name: 'Commission',
          data: days.map((d) => major(d.commission)),
          itemStyle: { color: GREEN },
        },
        {
          type: 'line',
          name: 'Orders',
          yAxisIndex: 1,
          data: days.map((d) => d.orders),
          itemStyle: { color: GREY },
        },
      ],
    };
  });

  protected readonly signupsChart = computed<EChartsCoreOption>(() => {
    const days = this.sellers()?.signupsByDay ?? [];
    return {
      animation: false,
      grid: { left: 32, right: 8, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: 'Sign-ups', data: days.map((d) => d.signups), itemStyle: { color: BLUE } },
      ],
    };
  });

  constructor() {
    void this.load();
  }

  protected money(minor: number): string {
    return formatMoney(minor, this.sales()?.currency ?? 'EUR');
  }

  protected setDays(days: number): void {
    this.days.set(days);
    void this.load();
  }

  protected setCurrency(currency: string): void {
    this.currency.set(currency);
    void this.load();
  }

  private async load(): Promise<void> {
    const request = ++this.request;
    this.loading.set(true);
    this.error.set(null);
    try {
      const answer = await this.api.request<{ sellerOverview: SellerOverview; salesOverview: SalesOverview }>(
        OVERVIEW,
        { days: this.days(), currency: this.currency() },
      );
      if (request !== this.request) return;
      this.sellers.set(answer.sellerOverview);
      this.sales.set(answer.salesOverview);
    } catch (error) {
      if (request === this.request) this.error.set(messageOf(error));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}
