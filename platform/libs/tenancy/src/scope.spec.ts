import { currentContext, requireTenantId, runWithContext } from './request-context';
import { acrossTenants, requireAcrossTenants, withinTenant } from './scope';

const caller = {
  userId: 'user-1',
  roles: ['platform-admin'],
  traceId: 'trace-1',
  tenantId: 'tenant-of-token',
};

describe('data scope', () => {
  it('withinTenant scopes the work to the named tenant and keeps who acts', () => {
    const seen = runWithContext(caller, () => withinTenant('tenant-b', () => currentContext()));
    expect(seen).toEqual({ ...caller, tenantId: 'tenant-b' });
  });

  it('withinTenant gives work outside any request a tenant to act for', () => {
    expect(withinTenant('tenant-b', () => requireTenantId())).toBe('tenant-b');
  });

  it('acrossTenants names the cross-tenant operation and keeps who acts', () => {
    const seen = runWithContext(caller, () => acrossTenants('orders.list', () => currentContext()));
    expect(seen).toEqual({ ...caller, crossTenant: 'orders.list' });
    expect(acrossTenants('orders.list', () => requireAcrossTenants())).toBe('orders.list');
  });

  it('refuses cross-tenant access outside a named operation, even for a platform admin', () => {
    expect(() => runWithContext(caller, () => requireAcrossTenants())).toThrow(
      expect.objectContaining({ name: 'CrossTenantAccessDeniedError' }),
    );
    expect(() => acrossTenants('', () => undefined)).toThrow('needs the name');
  });

  it('leaves the surrounding context as it was', () => {
    runWithContext(caller, () => {
      withinTenant('tenant-b', () => undefined);
      acrossTenants('orders.list', () => undefined);
      expect(currentContext()).toEqual(caller);
    });
  });
});
