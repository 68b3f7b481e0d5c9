import { inject, Injectable } from '@angular/core';
import { liveEvents, type LiveSignal } from '@marketplace/web-portal';
import type { Observable } from 'rxjs';
import { AuthService } from '../auth/auth.service';

/** The notifications API, through this server (same origin; see server/live-proxy.ts). */
const LIVE_BASE = '/api/v1/notifications';

/** Live updates of open pages (ADR 0026): stock of products on screen, the signed-in buyer's orders. */
@Injectable({ providedIn: 'root' })
export class LiveUpdates {
  private readonly auth = inject(AuthService);

  /** Available units of a seller's SKUs (`stock` events), for anyone. */
  stock(tenantId: string, skus: string[]): Observable<LiveSignal> {
    return liveEvents({ baseUrl: LIVE_BASE, channels: skus.map((sku) => `stock:${tenantId}:${sku}`) });
  }

  /** Status, tracking and refunds of the signed-in buyer's orders. */
  myOrders(userId: string): Observable<LiveSignal> {
    return liveEvents({
      baseUrl: LIVE_BASE,
      channels: [`user:${userId}`],
      token: () => this.auth.accessToken(),
    });
  }
}
