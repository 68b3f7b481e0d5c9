import { asSubject, ForbiddenError, type Action, type AppAbility, type Principal } from '@marketplace/auth';
import type { MediaPurpose } from '@marketplace/contracts';

/** Whose media a call works on: the caller's tenant (product images) or the caller as a buyer (review photos). */
export type MediaScope = 'tenant' | 'buyer';

export const SCOPE_OF_PURPOSE: Record<MediaPurpose, MediaScope> = {
  PRODUCT_IMAGE: 'tenant',
  REVIEW_PHOTO: 'buyer',
};

/**
 * The scopes in which the caller may perform `action`, tenant first. Sellers act on their tenant's media
 * (CASL subject `Media`); buyers on their own review photos (subject `Review`, which buyers own). A seller
 * user who also shops holds both.
 */
export function scopesFor(principal: Principal, ability: AppAbility, action: Action): MediaScope[] {
  const scopes: MediaScope[] = [];
  if (
    principal.tenantId !== undefined &&
    ability.can(action, asSubject('Media', { tenantId: principal.tenantId }))
  ) {
    scopes.push('tenant');
  }
  if (
    principal.roles.includes('buyer') &&
    ability.can(action, asSubject('Review', { buyerId: principal.userId }))
  ) {
    scopes.push('buyer');
  }
  if (scopes.length === 0) throw new ForbiddenError(`Not allowed to ${action} media`);
  return scopes;
}

export function scopeForPurpose(
  principal: Principal,
  ability: AppAbility,
  purpose: MediaPurpose,
): MediaScope {
  const wanted = SCOPE_OF_PURPOSE[purpose];
  const allowed = scopesFor(principal, ability, 'create');
  if (!allowed.includes(wanted)) {
    throw new ForbiddenError(
      purpose === 'PRODUCT_IMAGE'
        ? 'Only members of a seller organization may upload product images'
        : 'Only buyers may upload review photos',
    );
  }
  return wanted;
}
