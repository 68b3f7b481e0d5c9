import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { ProductModeration } from './product-moderation';
import { ReportedReviews } from './reported-reviews';

/** The moderation queue: products of every seller by moderation state, and reviews buyers reported. */
@Component({
  selector: 'ap-moderation-page',
  imports: [MatTabsModule, ProductModeration, ReportedReviews],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Moderation</h1>
    <mat-tab-group mat-stretch-tabs="false" animationDuration="0ms" aria-label="What to moderate">
      <mat-tab label="Products">
        <ap-product-moderation initialFilter="FLAGGED" label="Products of every seller" />
      </mat-tab>
      <mat-tab label="Reported reviews">
        <ng-template matTabContent>
          <ap-reported-reviews />
        </ng-template>
      </mat-tab>
    </mat-tab-group>
  `,
  styles: `
    mat-tab-group {
      margin-top: 8px;
    }
    ap-product-moderation,
    ap-reported-reviews {
      padding-top: 12px;
    }
  `,
})
export class ModerationPage {}
