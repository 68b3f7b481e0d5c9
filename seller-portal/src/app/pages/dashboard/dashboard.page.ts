import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { Api, formatMoney, listSelection, messageOf, pageOf, type RawList } from '@marketplace/web-portal';
import { sessionFeature } from '../../session/session.store';
import { SELLER_ORDER_FIELDS, statusLabel, type SellerOrder } from '../orders/orders.models';
import {
  DASHBOARD_FIELDS,
  mainFigures,
  shortTitle,
  type Range,
  type SellerDashboard,
} from './dashboard.models';

/** How many low-stock SKUs the dashboard lists; the rest are on the inventory page. */
const LOW_STOCK_SHOWN = 10;

const DASHBOARD = `query Dashboard($days: Int!) {
  sellerDashboard(days: $days) { ${DASHBOARD_FIELDS} }
  waiting: sellerOrders(first: 10, status: "paid") { ${listSelection(SELLER_ORDER_FIELDS)} }
  packed: sellerOrders(first: 10, status: "fulfilled") { ${listSelection(SELLER_ORDER_FIELDS)} }
  lowStock(first: ${LOW_STOCK_SHOWN}) { ${listSelection('sku available threshold')} }
}`;

/** SKUs at or below the seller's own low-stock thresholds (the inventory service decides, over all locations). */
interface LowStockItem {
  sku: string;
  available: number;
  threshold: number;
}

/** The seller's figures, computed by the orders service over all of its orders, with charts and to-dos. */
@Component({
  selector: 'sp-dashboard-page',
  imports: [
    RouterLink,
    DatePipe,
    MatCardModule,
    MatButtonToggleModule,
    MatProgressBarModule,
    NgxEchartsDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.scss',
})
export class DashboardPage {
  private readonly api = inject(Api);
  private readonly tenant = inject(Store).selectSignal(sessionFeature.selectTenant);
  protected readonly range = signal<Range>(7);
  protected readonly dashboard = signal<SellerDashboard | null>(null);
  protected readonly waiting = signal<SellerOrder[]>([]);
  protected readonly lowStock = signal<LowStockItem[]>([]);
  protected readonly moreLowStock = signal(false);
  protected readonly loading = signal(true);
  protected readonly failure = signal('');
  protected readonly label = statusLabel;
  /** Answers of an older range are dropped. */
  private request = 0;

  protected readonly figures = computed(() =>
    mainFigures(this.dashboard(), this.tenant()?.defaultCurrency ?? 'EUR'),
  );
  protected readonly otherCurrencies = computed(() =>
    (this.dashboard()?.figures ?? []).slice(1).map((f) => f.currency),
  );

  protected readonly salesChart = computed<EChartsCoreOption>(() => {
    const f = this.figures();
    return {
      aria: { enabled: true },
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: f.salesByDay.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value' },
      series: [{ name: `Sales (${f.currency})`, type: 'line', data: f.salesByDay.map((d) => d.sales / 100) }],
    };
  });
  protected readonly statusChart = computed<EChartsCoreOption>(() => ({
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    series: [
      {
        name: 'Orders by status',
        type: 'pie',
        radius: ['40%', '70%'],
        data: (this.dashboard()?.ordersByStatus ?? []).map((s) => ({
          name: statusLabel(s.status),
          value: s.orders,
        })),
      },
    ],
  }));
  protected readonly productsChart = computed<EChartsCoreOption>(() => {
    const top = [...(this.dashboard()?.topProducts ?? [])].reverse();
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: top.map((p) => shortTitle(p.title)) },
      series: [{ name: 'Units sold', type: 'bar', data: top.map((p) => p.units) }],
    };
  });

  constructor() {
    void this.load();
  }

  protected setRange(range: Range): void {
    this.range.set(range);
    void this.load();
  }

  protected money(minor: number): string {
    return formatMoney(minor, this.figures().currency);
  }

  protected async load(): Promise<void> {
    const request = ++this.request;
    this.loading.set(true);
    this.failure.set('');
    try {
      const data = await this.api.request<{
        sellerDashboard: SellerDashboard;
        waiting: RawList<SellerOrder>;
        packed: RawList<SellerOrder>;
        lowStock: RawList<LowStockItem>;
      }>(DASHBOARD, { days: this.range() });
      if (request !== this.request) return;
      this.dashboard.set(data.sellerDashboard);
      this.waiting.set(
        [...pageOf(data.waiting).nodes, ...pageOf(data.packed).nodes].sort((a, b) =>
          a.createdAt.localeCompare(b.createdAt),
        ),
      );
      const low = pageOf(data.lowStock);
      this.lowStock.set(low.nodes);
      this.moreLowStock.set(low.hasNextPage);
    } catch (error) {
      if (request === this.request) this.failure.set(messageOf(error));
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}
