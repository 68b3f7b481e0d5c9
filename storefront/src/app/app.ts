import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
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
    FormsModule,
    MatToolbarModule,
    MatButtonModule,
    MatMenuModule,
    MatBadgeModule,
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
  protected query = '';

  protected search(): void {
    void this.router.navigate(['/search'], {
      queryParams: this.query.trim() ? { q: this.query.trim() } : {},
    });
  }

  protected signIn(): void {
    this.store.dispatch(AuthActions.signInRequested());
  }

  protected signOut(): void {
    this.store.dispatch(AuthActions.signOutRequested());
  }
}
