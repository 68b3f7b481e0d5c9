import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { PagedList } from '@marketplace/web-portal';

/**
 * The states of a server-side paged list around the page's own table (projected): loading, the error with a way to
 * try again, the empty state's sentence, and "Show more" while there is a next page. The table shows once there
 * are rows.
 */
@Component({
  selector: 'ap-list-states',
  imports: [MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (list().loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
    }
    @if (list().error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
      <button mat-stroked-button type="button" (click)="reload()">Try again</button>
    } @else if (!list().loading() && list().rows().length === 0) {
      <p class="notice" [attr.data-testid]="emptyTestId()">{{ empty() }}</p>
    }
    @if (list().rows().length) {
      <ng-content />
      @if (list().hasNextPage()) {
        <div class="actions">
          <button mat-stroked-button type="button" (click)="more()" [attr.data-testid]="moreTestId()">
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
  `,
})
export class ListStates {
  readonly list = input.required<PagedList<unknown>>();
  /** The progress bar's accessible name ("Loading …"). */
  readonly loadingLabel = input.required<string>();
  /** The sentence shown when the list has no rows. */
  readonly empty = input.required<string>();
  readonly emptyTestId = input<string | null>(null);
  readonly moreTestId = input<string | null>(null);

  protected reload(): void {
    void this.list().reload();
  }

  protected more(): void {
    void this.list().more();
  }
}
