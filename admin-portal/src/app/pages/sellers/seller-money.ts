import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Api, formatMoney, messageOf } from '@marketplace/web-portal';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';

interface SellerSales {
  currency: string;
  gmv: number;
  commission: number;
  takeRateBps: number;
  refunded: number;
  refundRateBps: number;
  orders: number;
  byDay: { day: string; gmv: number }[];
}

const MONEY = `query SellerMoney($sellerId: ID!) {
  salesOverview(days: 30, sellerId: $sellerId) {
    currency gmv commission takeRateBps refunded refundRateBps orders byDay { day gmv }
  }
  heldFunds(sellerId: $sellerId) { currency amount transfers }
}`;

/** One seller's sales over 30 days and its held money (orders and payments services), on its detail page. */
@Component({
  selector: 'ap-seller-money',
  imports: [DecimalPipe, RouterLink, MatCardModule, MatProgressBarModule, NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="seller-sales-caption">Sales, last 30 days</h2>
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (sales(); as s) {
      <section class="kpis" aria-labelledby="seller-sales-caption">
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="seller-gmv">{{ money(s.gmv, s.currency) }}</p>
            <p>GMV in {{ s.orders }} order{{ s.orders === 1 ? '' : 's' }}</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi">{{ money(s.commission, s.currency) }}</p>
            <p>commission ({{ s.takeRateBps / 100 | number: '1.0-2' }} %)</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi">{{ s.refundRateBps / 100 | number: '1.0-2' }} %</p>
            <p>refunded ({{ money(s.refunded, s.currency) }})</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="seller-held">{{ heldLabel() }}</p>
            <p>held for this seller</p></mat-card-content
          ></mat-card
        >
      </section>
      <div
        echarts
        [options]="chart()"
        class="chart"
        role="img"
        aria-label="GMV per day, last 30 days"
        data-testid="seller-sales-chart"
      ></div>
      <p>
        <a routerLink="/orders" [queryParams]="{ sellerId: sellerId() }">Orders of this seller</a> ·
        <a routerLink="/payouts">Payouts</a>
      </p>
    } @else if (!error()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the seller's sales" />
    }
  `,
  styles: `
    .kpis {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
      gap: 12px;
      margin: 8px 0 16px;
    }
    .kpi {
      font: var(--mat-sys-headline-small);
      margin: 0;
      overflow-wrap: anywhere;
    }
    .chart {
      height: 200px;
      width: 100%;
    }
  `,
})
export class SellerMoney {
  readonly sellerId = input.required<string>();
  private readonly api = inject(Api);
  protected readonly sales = signal<SellerSales | null>(null);
  private readonly held = signal<{ currency: string; amount: number }[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly heldLabel = computed(() => {
    const held = this.held();
    return held.length
      ? held.map((h) => formatMoney(h.amount, h.currency)).join(' + ')
      : formatMoney(0, this.sales()?.currency ?? 'EUR');
  });
  protected readonly chart = computed<EChartsCoreOption>(() => {
    const days = this.sales()?.byDay ?? [];
    return {
      animation: false,
      grid: { left: 48, right: 8, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', name: 'GMV', data: days.map((d) => d.gmv / 100), itemStyle: { color: '#1b5fc1' } },
      ],
    };
  });

  constructor() {
    effect(() => void this.load(this.sellerId()));
  }

  protected readonly money = formatMoney;

  private async load(sellerId: string): Promise<void> {
    this.error.set(null);
    try {
      const answer = await this.api.request<{
        salesOverview: SellerSales;
        heldFunds: { currency: string; amount: number }[];
      }>(MONEY, { sellerId });
      this.sales.set(answer.salesOverview);
      this.held.set(answer.heldFunds);
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }
}
