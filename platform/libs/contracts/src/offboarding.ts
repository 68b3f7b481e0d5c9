import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/**
 * Tenant offboarding (ADR 0038): an admin exports everything a seller owns, or deletes it across every service.
 * The tenants service requests, every participating service does its part and confirms, the tenants service
 * counts the confirmations. Keyed by tenant id; the envelope's `tenantId` is null (a platform operation on a
 * tenant, which must not be scoped to it — the tenant is being taken apart), the tenant is in the payload.
 */
export const OFFBOARDING_TOPIC = 'tenants.offboarding.v1';

/**
 * The services holding a seller's data, each confirming its part. The cart's part of an export is empty (carts
 * belong to buyers); a deletion takes the seller's lines out of carts and its products out of the cart's product
 * projection (ADR 0071).
 */
export const OFFBOARDING_SERVICES = [
  'tenants',
  'cart',
  'catalog',
  'media',
  'reviews',
  'inventory',
  'orders',
  'payments',
  'notifications',
  'webhooks',
] as const;
export const offboardingServiceSchema = z.enum(OFFBOARDING_SERVICES);
export type OffboardingService = z.infer<typeof offboardingServiceSchema>;

const tenantId = z.string().min(1).max(36);
const requestId = z.string().length(26);
const actorId = z.string().min(1).max(36).nullable();
const timestamp = z.iso.datetime({ offset: false });
const counts = z.record(z.string(), z.number().int().min(0));

/** Each service writes its part of the export as JSON Lines under `partsPrefix/<service>/` in the bucket. */
export const TenantExportRequested = defineEvent({
  topic: OFFBOARDING_TOPIC,
  type: 'tenant.export-requested',
  version: 1,
  payload: z.object({
    exportId: requestId,
    tenantId,
    partsPrefix: z.string().min(1).max(512),
    requestedBy: actorId,
    requestedAt: timestamp,
  }),
});

/** A service wrote its part of an export: one object per file, with its record count. */
export const TenantExportPartWritten = defineEvent({
  topic: OFFBOARDING_TOPIC,
  type: 'tenant.export-part-written',
  version: 1,
  payload: z.object({
    exportId: requestId,
    tenantId,
    service: offboardingServiceSchema,
    files: z.array(
      z.object({ name: z.string().min(1), key: z.string().min(1), records: z.number().int().min(0) }),
    ),
    writtenAt: timestamp,
  }),
});

/** An admin asked to delete a suspended tenant's data everywhere; every service deletes or anonymizes its part. */
export const TenantDeletionRequested = defineEvent({
  topic: OFFBOARDING_TOPIC,
  type: 'tenant.deletion-requested',
  version: 1,
  payload: z.object({
    deletionId: requestId,
    tenantId,
    reason: z.string().min(1),
    requestedBy: actorId,
    requestedAt: timestamp,
  }),
});

/** A service holds nothing of the tenant any more, except the rows it anonymized (ADR 0038 lists them). */
export const TenantDataDeleted = defineEvent({
  topic: OFFBOARDING_TOPIC,
  type: 'tenant.data-deleted',
  version: 1,
  payload: z.object({
    deletionId: requestId,
    tenantId,
    service: offboardingServiceSchema,
    deleted: counts,
    anonymized: counts,
    deletedAt: timestamp,
  }),
});

export const OFFBOARDING_EVENTS = [
  TenantExportRequested,
  TenantExportPartWritten,
  TenantDeletionRequested,
  TenantDataDeleted,
] as const;
