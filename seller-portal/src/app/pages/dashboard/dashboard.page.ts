import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { Api, formatMoney, listSelection, messageOf, pageOf } from '@marketplace/web-portal';
import { SELLER_ORDER_FIELDS, statusLabel, type SellerOrder } from '../orders/orders.models';
import { AWAITING_FULFILMENT, metricsOf, type Range } from './dashboard.metrics';

/** Orders read for the figures: the newest ones, at most this many. */
const ORDER_WINDOW = 100;
/** Stock at or below this many sellable units is flagged. */
const LOW_STOCK = 5;

const DASHBOARD = `query Dashboard($first: Int!) {
  sellerOrders(first: $first) { ${listSelection(SELLER_ORDER_FIELDS)} }
  stockLevels(first: 100) { ${listSelection('sku locationId available')} }
}`;

interface Level {
  sku: string;
  locationId: string;
  available: number;
}

@Component({
  selector: 'sp-dashboard-page',
  imports: [RouterLink, DatePipe, MatCardModule, MatButtonToggleModule, NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.scss',
})
export class DashboardPage {
  private readonly api = inject(Api);
  protected readonly range = signal<Range>(7);
  protected readonly orders = signal<SellerOrder[] | null>(null);
  protected readonly levels = signal<Level[]>([]);
  protected readonly failure = signal('');
  protected readonly truncated = signal(false);
  protected readonly label = statusLabel;

  protected readonly metrics = computed(() => metricsOf(this.orders() ?? [], this.range(), new Date()));
  protected readonly waiting = computed(() =>
    (this.orders() ?? []).filter((o) => AWAITING_FULFILMENT.has(o.status)),
  );
  protected readonly lowStock = computed(() => this.levels().filter((level) => level.available <= LOW_STOCK));

  protected readonly salesChart = computed<EChartsCoreOption>(() => {
    const m = this.metrics();
    return {
      aria: { enabled: true },
      grid: { left: 56, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: m.salesByDay.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value' },
      series: [{ name: `Sales (${m.currency})`, type: 'line', data: m.salesByDay.map((d) => d.sales / 100) }],
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
        data: this.metrics().ordersByStatus.map((s) => ({ name: statusLabel(s.status), value: s.count })),
      },
    ],
  }));
  protected readonly productsChart = computed<EChartsCoreOption>(() => {
    const top = [...this.metrics().topProducts].reverse();
    return {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: top.map((p) => (p.title.length > 24 ? `${p.title.slice(0, 23)}…` : p.title)),
      },
      series: [{ name: 'Units sold', type: 'bar', data: top.map((p) => p.units) }],
    };
  });

  constructor() {
    void this.load();
  }

  protected money(minor: number): string {
    return formatMoney(minor, this.metrics().currency);
  }

  private async load(): Promise<void> {
    try {
      const data = await this.api.request<{
        sellerOrders: Parameters<typeof pageOf<SellerOrder>>[0];
        stockLevels: Parameters<typeof pageOf<Level>>[0];
      }>(DASHBOARD, { first: ORDER_WINDOW });
      const orders = pageOf(data.sellerOrders);
      this.truncated.set(orders.hasNextPage);
      this.orders.set(orders.nodes);
      this.levels.set(pageOf(data.stockLevels).nodes);
    } catch (error) {
      this.failure.set(messageOf(error));
      this.orders.set([]);
    }
  }
}
