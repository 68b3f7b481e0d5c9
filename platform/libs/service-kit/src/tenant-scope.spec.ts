import { currentContext, requireTenantId, runWithContext } from '@marketplace/tenancy';
import { acrossTenants, withinTenant } from './tenant-scope';

const caller = {
  userId: 'user-1',
  roles: ['platform-admin'],
  traceId: 'trace-1',
  tenantId: 'tenant-of-token',
};

describe('tenant scope helpers', () => {
  it('withinTenant scopes the work to the named tenant and keeps who acts', () => {
    const seen = runWithContext(caller, () => withinTenant('tenant-b', () => currentContext()));
    expect(seen).toEqual({ ...caller, tenantId: 'tenant-b' });
  });

  it('withinTenant gives work outside any request a tenant to act for', () => {
    expect(withinTenant('tenant-b', () => requireTenantId())).toBe('tenant-b');
  });

  it('acrossTenants marks the work cross-tenant and keeps who acts', () => {
    const seen = runWithContext(caller, () => acrossTenants(() => currentContext()));
    expect(seen).toEqual({ ...caller, crossTenant: true });
  });

  it('leaves the surrounding context as it was', () => {
    runWithContext(caller, () => {
      withinTenant('tenant-b', () => undefined);
      acrossTenants(() => undefined);
      expect(currentContext()).toEqual(caller);
    });
  });
});
