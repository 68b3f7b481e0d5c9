import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Store } from '@ngrx/store';
import { AuthActions } from '../auth/auth.actions';

/** Asks a signed-out buyer to sign in; Keycloak sends them back to the page they were on. */
@Component({
  selector: 'sf-sign-in-prompt',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p>{{ reason() }}</p>
    <button mat-flat-button type="button" (click)="signIn()" data-testid="sign-in-to-continue">
      Sign in to continue
    </button>`,
})
export class SignInPrompt {
  private readonly store = inject(Store);
  readonly reason = input.required<string>();

  protected signIn(): void {
    this.store.dispatch(AuthActions.signInRequested());
  }
}
