import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/**
 * Events of the tenants service: one topic for the tenant aggregate, keyed by tenant id (the Keycloak
 * organization id), envelope `tenantId` = that id. Actor ids are Keycloak user ids, or null when the
 * platform itself acted (seeding).
 */
export const TENANT_TOPIC = 'tenants.tenant.v1';

/** `rejected` is final: an admin turned the application down (distinct from a suspension of an active seller). */
export const TENANT_STATUSES = ['pending', 'active', 'suspended', 'rejected'] as const;
export const tenantStatusSchema = z.enum(TENANT_STATUSES);
export type TenantStatus = z.infer<typeof tenantStatusSchema>;

const tenantId = z.string().min(1).max(36);
const actorId = z.string().min(1).max(36).nullable();
const timestamp = z.iso.datetime({ offset: false });
const commissionBps = z.number().int().min(0).max(10_000);

/** A seller organization signed up (or was seeded); it starts `pending` unless seeded active. */
export const TenantRegistered = defineEvent({
  topic: TENANT_TOPIC,
  type: 'tenant.registered',
  version: 1,
  payload: z.object({
    tenantId,
    name: z.string().min(1),
    alias: z.string().min(1),
    status: tenantStatusSchema,
    commissionBps,
    defaultCurrency: z.string().length(3),
    contactEmail: z.email(),
    ownerUserId: z.string().min(1),
    registeredAt: timestamp,
  }),
});

/** An admin approved a pending tenant: it may now sell. */
export const TenantActivated = defineEvent({
  topic: TENANT_TOPIC,
  type: 'tenant.activated',
  version: 1,
  payload: z.object({ tenantId, activatedBy: actorId, activatedAt: timestamp }),
});

/** An admin suspended an active tenant: its products leave the storefront, its API access should stop. */
export const TenantSuspended = defineEvent({
  topic: TENANT_TOPIC,
  type: 'tenant.suspended',
  version: 1,
  payload: z.object({ tenantId, reason: z.string().min(1), suspendedBy: actorId, suspendedAt: timestamp }),
});

/** An admin rejected a pending application, with the reason the seller sees: it never sells or receives money. */
export const TenantRejected = defineEvent({
  topic: TENANT_TOPIC,
  type: 'tenant.rejected',
  version: 1,
  payload: z.object({ tenantId, reason: z.string().min(1), rejectedBy: actorId, rejectedAt: timestamp }),
});

/** An admin lifted a suspension: the tenant is active again. */
export const TenantReactivated = defineEvent({
  topic: TENANT_TOPIC,
  type: 'tenant.reactivated',
  version: 1,
  payload: z.object({ tenantId, reactivatedBy: actorId, reactivatedAt: timestamp }),
});

/** The platform's commission on the tenant's sales changed (basis points: 1000 = 10 %). */
export const TenantCommissionChanged = defineEvent({
  topic: TENANT_TOPIC,
  type: 'tenant.commission-changed',
  version: 1,
  payload: z.object({
    tenantId,
    previousCommissionBps: commissionBps,
    commissionBps,
    changedBy: actorId,
    changedAt: timestamp,
  }),
});

/**
 * The owner invited someone to join as staff. Carries the one-time accept token sealed (`sealSecret` under
 * INVITATION_TOKEN_KEY, which only tenants and notifications hold; tenants keeps only the token's hash), so that
 * notifications can e-mail the accept link while the outbox and Kafka never see the token itself.
 */
export const TenantStaffInvited = defineEvent({
  topic: TENANT_TOPIC,
  type: 'tenant.staff-invited',
  version: 2,
  payload: z.object({
    tenantId,
    tenantName: z.string().min(1),
    invitationId: z.string().min(1),
    email: z.email(),
    acceptTokenSealed: z.string().startsWith('v1.'),
    expiresAt: timestamp,
    invitedBy: z.string().min(1),
  }),
});

export const TENANT_EVENTS = [
  TenantRegistered,
  TenantActivated,
  TenantSuspended,
  TenantReactivated,
  TenantRejected,
  TenantCommissionChanged,
  TenantStaffInvited,
] as const;

/**
 * The tenants service's internal answer to "what is this tenant's status" (`@InternalOnly()`, platform services
 * client), asked by every service's AuthGuard on a cache miss (ADR 0048). `status: null`: no such tenant.
 */
export const TENANT_STATUS_ROUTE = '/internal/tenants/:tenantId/status';
export const tenantStatusPath = (tenantId: string) =>
  TENANT_STATUS_ROUTE.replace(':tenantId', encodeURIComponent(tenantId));

export const tenantStatusAnswerSchema = z.object({
  tenantId,
  status: tenantStatusSchema.nullable(),
  /** The suspension or rejection reason the seller sees. */
  reason: z.string().nullable(),
  changedAt: timestamp.nullable(),
});
export type TenantStatusAnswer = z.infer<typeof tenantStatusAnswerSchema>;
