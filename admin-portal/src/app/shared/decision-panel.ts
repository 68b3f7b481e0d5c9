import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { fieldError, messageOf } from '@marketplace/web-portal';

/** The shortest reason the services accept where one is required (`requiredReason` of `@marketplace/audit`). */
const MIN_REASON = 3;
const MAX_REASON = 1000;
let panels = 0;

/**
 * A back-office decision with a reason: the reason field (after whatever the page projects before it, such as a
 * policy to choose), and what became of the last decision, said as a status or as an alert. The page keeps its
 * action buttons beside the rows they act on (disabled while `busy()`), asks `reasonFor` for the reason, and hands
 * the call to `run`, which says the outcome and clears the reason once it succeeded. The moderation queue's tabs
 * and the payouts retry decide through it.
 */
@Component({
  selector: 'ap-decision-panel',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="decision">
      <ng-content />
      <mat-form-field class="reason" subscriptSizing="dynamic">
        <mat-label>{{ label() }}</mat-label>
        <textarea
          #reasonInput
          matInput
          rows="2"
          [formControl]="reason"
          [attr.data-testid]="fieldTestId()"
          [attr.aria-describedby]="hintId"
        ></textarea>
        <mat-hint [id]="hintId">{{ hint() }}</mat-hint>
        @if (reason.invalid) {
          <mat-error>{{ reasonError() }}</mat-error>
        }
      </mat-form-field>
    </div>
    @if (done(); as message) {
      <p class="notice" role="status" [attr.data-testid]="doneTestId()">{{ message }}</p>
    }
    @if (failure(); as message) {
      <p class="error" role="alert" [attr.data-testid]="failureTestId()">{{ message }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .decision {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin: 12px 0;
    }
    .reason {
      flex: 1 1 280px;
      max-width: 560px;
    }
  `,
})
export class DecisionPanel {
  readonly label = input.required<string>();
  /** When the reason is required, who reads it; shown under the field. */
  readonly hint = input.required<string>();
  readonly fieldTestId = input<string | null>(null);
  readonly doneTestId = input<string | null>(null);
  readonly failureTestId = input<string | null>(null);
  protected readonly hintId = `decision-reason-hint-${++panels}`;
  private readonly reasonInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('reasonInput');
  private readonly changes = inject(ChangeDetectorRef);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(MAX_REASON)],
  });
  readonly busy = signal(false);
  readonly done = signal<string | null>(null);
  readonly failure = signal<string | null>(null);

  /**
   * The reason to send: trimmed, null when blank. `false` when it will not do — longer than allowed, or shorter
   * than 3 characters where `required` (the message then shown) makes it required; the field says why.
   */
  reasonFor(required?: string): string | null | false {
    const why = this.reason.value.trim();
    if (required !== undefined && why.length < MIN_REASON) {
      this.reason.setErrors({ message: required });
      return this.refuse();
    }
    if (this.reason.invalid) return this.refuse();
    return why || null;
  }

  /** Moves the focus to the reason (after another field of the decision was found wanting, say). */
  focus(): void {
    this.reasonInput().nativeElement.focus();
  }

  /** Forgets the last outcome (the page shows other rows now). */
  clearOutcome(): void {
    this.done.set(null);
    this.failure.set(null);
  }

  /**
   * Runs one decision: busy meanwhile, then `work`'s answer as the outcome and a blank reason, or the error as an
   * alert (the reason stays, to try again). Answers whether it succeeded.
   */
  async run(work: () => Promise<string>): Promise<boolean> {
    this.busy.set(true);
    this.clearOutcome();
    try {
      this.done.set(await work());
      this.reason.reset();
      return true;
    } catch (error) {
      this.failure.set(messageOf(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  protected reasonError(): string {
    return fieldError(this.reason, this.label());
  }

  private refuse(): false {
    this.reason.markAsTouched();
    // The page's click changed this panel's form state, which OnPush does not see by itself.
    this.changes.markForCheck();
    this.focus();
    return false;
  }
}
