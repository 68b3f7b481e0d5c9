import {
  AbilityBuilder,
  createMongoAbility,
  subject as tagSubject,
  type ForcedSubject,
  type MongoAbility,
} from '@casl/ability';
import type { Principal } from './principal';

export const ACTIONS = ['manage', 'create', 'read', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** Records owned by one tenant; each carries `tenantId`. */
export const TENANT_SUBJECTS = [
  'Product',
  'Media',
  'Inventory',
  'Order',
  'Payout',
  'TenantSettings',
  'StaffInvitation',
  'ApiClient',
  'Webhook',
] as const;
/** Buyer-owned records; each carries `buyerId`. */
export const BUYER_SUBJECTS = ['Cart', 'BuyerOrder', 'BuyerProfile', 'Review'] as const;
/** `Tenant` is the organization record itself (matched by `id`); `Category` is platform-wide. */
export const SUBJECTS = ['Tenant', 'Category', ...TENANT_SUBJECTS, ...BUYER_SUBJECTS] as const;
export type SubjectType = (typeof SUBJECTS)[number];

/**
 * What staff and API clients may run day to day; settings, staff, API clients and payouts are the owner's, webhooks the
 * owner's and the API clients'.
 */
const OPERATIONS_SUBJECTS: SubjectType[] = ['Product', 'Media', 'Inventory', 'Order'];

/** A record tagged with its subject type (see `asSubject`); untagged records carry no conditions to match. */
type SubjectRecord = object;
export type AppAbility = MongoAbility<[Action, SubjectType | 'all' | SubjectRecord]>;

/**
 * A copy of a record tagged with its subject type for instance checks: `ability.can('update', asSubject('Product', p))`.
 * Copies because CASL's own `subject()` tags the record in place and refuses to re-tag it later.
 */
export function asSubject<T extends Record<string, unknown>>(
  type: SubjectType,
  record: T,
): T & ForcedSubject<SubjectType> {
  return tagSubject(type, { ...record });
}

/** Builds the CASL ability of a request once, from the verified principal (or an anonymous visitor). */
export class AbilityFactory {
  forPrincipal(principal: Principal | undefined): AppAbility {
    const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    can('read', 'Product', { status: 'published' });
    can('read', 'Category');
    can('read', 'Review', { status: 'published' });
    if (!principal) return build();

    const { roles, tenantId, userId } = principal;
    if (roles.includes('platform-admin')) can('manage', 'all');
    if (roles.includes('buyer')) {
      can('manage', [...BUYER_SUBJECTS], { buyerId: userId });
    }
    if (tenantId !== undefined) {
      if (roles.includes('seller-owner')) {
        can('manage', [...TENANT_SUBJECTS], { tenantId });
        can(['read', 'update'], 'Tenant', { id: tenantId });
        can('read', 'Review', { tenantId });
      }
      if (roles.includes('seller-staff') || roles.includes('api-client')) {
        can('manage', OPERATIONS_SUBJECTS, { tenantId });
        can('read', 'Tenant', { id: tenantId });
        can('read', 'Review', { tenantId });
      }
      // Integrations register their own receivers (issue #16); staff leave webhooks to the owner.
      if (roles.includes('api-client')) can('manage', 'Webhook', { tenantId });
    }
    return build();
  }
}
