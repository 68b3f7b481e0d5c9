import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { AuthActions } from './auth/auth.actions';
import { authFeature } from './auth/auth.reducer';
import { selectItemCount } from './cart/cart.selectors';

@Component({
  selector: 'sf-root',
  imports: [
    RouterOutlet,
    RouterLink,
    MatToolbarModule,
    MatButtonModule,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly store = inject(Store);
  private readonly router = inject(Router);

  protected readonly itemCount = this.store.selectSignal(selectItemCount);
  protected readonly authStatus = this.store.selectSignal(authFeature.selectStatus);
  protected readonly user = this.store.selectSignal(authFeature.selectUser);
  protected readonly authError = this.store.selectSignal(authFeature.selectError);
  /** A plain form, not FormsModule: the shell every page loads first stays without @angular/forms. */
  protected search(event: Event, text: string): void {
    event.preventDefault();
    const query = text.trim();
    void this.router.navigate(['/search'], { queryParams: query ? { q: query } : {} });
  }

  protected signIn(): void {
    this.store.dispatch(AuthActions.signInRequested());
  }

  protected signOut(): void {
    this.store.dispatch(AuthActions.signOutRequested());
  }
}
