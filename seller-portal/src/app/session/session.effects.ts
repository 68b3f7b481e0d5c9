import { inject, Injectable } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { from, map, switchMap, catchError, of } from 'rxjs';
import { Api, messageOf } from '@marketplace/web-portal';
import type { TenantAccount } from './session.models';
import { SessionActions } from './session.store';

export const MY_TENANT = `query MyTenant {
  myTenant {
    id name alias status contactEmail defaultCurrency commissionBps suspensionReason rejectionReason description returnPolicy logoMediaId
  }
}`;

@Injectable()
export class SessionEffects {
  private readonly actions = inject(Actions);
  private readonly api = inject(Api);

  /** A user whose token names no organization has not signed up as a seller yet. */
  readonly loadTenant = createEffect(() =>
    this.actions.pipe(
      ofType(SessionActions.signedIn, SessionActions.refreshTenant),
      switchMap((action) =>
        'user' in action && action.user.organizationIds.length === 0
          ? of(SessionActions.tenantMissing())
          : from(this.api.request<{ myTenant: TenantAccount }>(MY_TENANT)).pipe(
              map(({ myTenant }) => SessionActions.tenantLoaded({ tenant: myTenant })),
              catchError((error: unknown) => of(SessionActions.tenantFailed({ message: messageOf(error) }))),
            ),
      ),
    ),
  );
}
