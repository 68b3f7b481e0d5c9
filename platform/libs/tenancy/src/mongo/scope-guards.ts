import type { Document, UpdateFilter } from 'mongodb';
import { TenantScopeViolationError } from '../errors';

export const TENANT_FIELD = 'tenantId';

/** Stages that read or write other collections and would therefore escape the tenant `$match`. */
const FORBIDDEN_STAGES = new Set(['$lookup', '$graphLookup', '$unionWith', '$out', '$merge', '$documents']);

function touchesField(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`);
}

/**
 * Only operator updates are accepted (no replacement documents or pipelines), and none may touch the owner field
 * (`tenantId`, or `buyerId` for buyer-owned documents).
 */
export function assertUpdateKeepsTenant(update: UpdateFilter<Document>, field: string = TENANT_FIELD): void {
  if (Array.isArray(update) || update === null || typeof update !== 'object') {
    throw new TenantScopeViolationError('Only update-operator documents are accepted');
  }
  for (const [operator, fields] of Object.entries(update)) {
    if (!operator.startsWith('$')) {
      throw new TenantScopeViolationError(
        'Replacement documents are not accepted; use update operators such as $set',
      );
    }
    const paths =
      fields && typeof fields === 'object' ? Object.entries(fields as Record<string, unknown>) : [];
    for (const [path, value] of paths) {
      const renamesOntoTenant =
        operator === '$rename' && typeof value === 'string' && touchesField(value, field);
      if (touchesField(path, field) || renamesOntoTenant) {
        throw new TenantScopeViolationError(`${operator} may not change ${field}`);
      }
    }
  }
}

export function assertPipelineStaysInTenant(pipeline: readonly Document[]): void {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (name !== undefined && FORBIDDEN_STAGES.has(name)) {
      throw new TenantScopeViolationError(`Aggregation stage ${name} is not allowed on tenant data`);
    }
  }
}

/** The tenant-less option types still accept `upsert` from untyped callers, hence the runtime check. */
export function assertNoUpsert(options: object | undefined): void {
  if ((options as { upsert?: unknown } | undefined)?.upsert) {
    throw new TenantScopeViolationError('upsert is not supported on tenant collections; insert explicitly');
  }
}
