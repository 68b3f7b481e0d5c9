import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Api, messageOf } from '@marketplace/web-portal';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';

interface SellerOverview {
  pending: number;
  active: number;
  suspended: number;
  newSellers: number;
  signupsByDay: { day: string; signups: number }[];
}

const OVERVIEW = `query SellerOverview($days: Int) {
  sellerOverview(days: $days) { pending active suspended newSellers signupsByDay { day signups } }
}`;

/** The marketplace at a glance; every figure is computed by the services. */
@Component({
  selector: 'ap-overview-page',
  imports: [MatButtonToggleModule, MatCardModule, MatProgressBarModule, NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Overview</h1>
    <mat-button-toggle-group aria-label="Period" [value]="days()" (change)="load($event.value)">
      <mat-button-toggle [value]="7">7 days</mat-button-toggle>
      <mat-button-toggle [value]="30">30 days</mat-button-toggle>
      <mat-button-toggle [value]="90">90 days</mat-button-toggle>
    </mat-button-toggle-group>
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (overview(); as o) {
      <section class="kpis" aria-label="Sellers">
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-new">{{ o.newSellers }}</p>
            <p>new sellers</p></mat-card-content
          ></mat-card
        >
        <mat-card
          ><mat-card-content
            ><p class="kpi" data-testid="kpi-active">{{ o.active }}</p>
            <p>active sellers</p></mat-card-content
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
      <h2 id="signups-caption">Seller sign-ups per day</h2>
      <div
        echarts
        [options]="chart()"
        class="chart"
        role="img"
        aria-labelledby="signups-caption"
        data-testid="signups-chart"
      ></div>
      <p class="notice">
        Sales figures (GMV, orders, take rate, refund rate, top sellers) come with the orders and payments
        services' admin aggregates.
      </p>
    } @else if (!error()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the overview" />
    }
  `,
  styles: `
    .kpis {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
      gap: 12px;
      margin: 16px 0;
    }
    .kpi {
      font: var(--mat-sys-headline-medium);
      margin: 0;
    }
    .chart {
      height: 280px;
      width: 100%;
    }
  `,
})
export class OverviewPage {
  private readonly api = inject(Api);
  protected readonly days = signal(30);
  protected readonly overview = signal<SellerOverview | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly chart = computed<EChartsCoreOption>(() => {
    const days = this.overview()?.signupsByDay ?? [];
    return {
      animation: false,
      grid: { left: 32, right: 8, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: 'Sign-ups', data: days.map((d) => d.signups), itemStyle: { color: '#1b5fc1' } },
      ],
    };
  });

  constructor() {
    void this.load(30);
  }

  protected async load(days: number): Promise<void> {
    this.days.set(days);
    this.error.set(null);
    try {
      const { sellerOverview } = await this.api.request<{ sellerOverview: SellerOverview }>(OVERVIEW, {
        days,
      });
      this.overview.set(sellerOverview);
    } catch (error) {
      this.error.set(messageOf(error));
    }
  }
}
