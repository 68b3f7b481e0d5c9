import {
  ChangeDetectionStrategy,
  Component,
  afterRenderEffect,
  computed,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/**
 * A secret the marketplace shows once (an API client's, a webhook endpoint's, on creation and on rotation): the
 * warning, the secret, a copy button and "I stored it", with the heading focused as it appears so that screen
 * readers and keyboards start there. What it belongs to (a client id) is an input; anything else (the rotation
 * overlap) is projected.
 */
@Component({
  selector: 'sp-secret-shown-once',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="secret" [attr.aria-labelledby]="headingId()" [attr.data-testid]="testId() + '-panel'">
      <h3 [id]="headingId()" tabindex="-1" #title>{{ heading() }} — shown only now</h3>
      <p>Copy it into {{ destination() }} now: the marketplace does not keep it and cannot show it again.</p>
      <ng-content />
      <dl>
        @if (identifier(); as id) {
          <dt>{{ id.label }}</dt>
          <dd>
            <code [attr.data-testid]="id.testId">{{ id.value }}</code>
          </dd>
        }
        <dt>{{ label() }}</dt>
        <dd>
          <code [attr.data-testid]="testId()">{{ secret() }}</code>
        </dd>
      </dl>
      <div class="actions">
        <button mat-stroked-button type="button" (click)="copy()" [attr.data-testid]="testId() + '-copy'">
          Copy secret
        </button>
        <button mat-button type="button" (click)="dismissed.emit()" [attr.data-testid]="testId() + '-done'">
          I stored it
        </button>
      </div>
      <p role="status" class="copied">{{ copyStatus() }}</p>
    </section>
  `,
  styles: `
    .secret {
      border: 2px solid var(--mat-sys-primary);
      border-radius: 8px;
      padding: 8px 16px;
      margin: 16px 0;
      max-width: 720px;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0 0 8px;
    }
    code {
      overflow-wrap: anywhere;
    }
    .copied:empty {
      display: none;
    }
  `,
})
export class SecretShownOnce {
  readonly heading = input.required<string>();
  readonly secret = input.required<string>();
  /** Names the panel (`<testId>-panel`), the secret (`<testId>`) and the buttons, for tests and ids. */
  readonly testId = input.required<string>();
  readonly label = input('Secret');
  /** What the secret belongs to, shown beside it (an API client's id). */
  readonly identifier = input<{ label: string; value: string; testId: string } | null>(null);
  /** Where the holder keeps it, as in "Copy it into … now". */
  readonly destination = input('your system');
  readonly dismissed = output<void>();

  private readonly copied = signal<string | null>(null);
  private readonly copyFailed = signal<string | null>(null);
  protected readonly copyStatus = computed(() => {
    if (this.copied() === this.secret()) return 'Copied.';
    if (this.copyFailed() === this.secret())
      return 'The browser did not allow copying: select the secret and copy it by hand.';
    return '';
  });
  private readonly headingElement = viewChild.required<ElementRef<HTMLElement>>('title');
  protected readonly headingId = () => `${this.testId()}-heading`;

  constructor() {
    // A new secret (created or rotated) is announced afresh.
    afterRenderEffect(() => {
      this.secret();
      this.headingElement().nativeElement.focus();
    });
  }

  protected async copy(): Promise<void> {
    const secret = this.secret();
    try {
      await navigator.clipboard.writeText(secret);
      this.copied.set(secret);
    } catch {
      this.copyFailed.set(secret);
    }
  }
}
