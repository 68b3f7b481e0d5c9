import { AbilityFactory, asSubject, type AppAbility } from './abilities';
import type { Principal, Role } from './principal';

const factory = new AbilityFactory();

function abilityOf(roles: Role[], tenantId?: string, userId = 'user-1'): AppAbility {
  const principal: Principal = { userId, roles, tenantIds: tenantId ? [tenantId] : [], kind: 'user' };
  if (tenantId) principal.tenantId = tenantId;
  return factory.forPrincipal(principal);
}

const own = { tenantId: 'org-a' };
const other = { tenantId: 'org-b' };

describe('AbilityFactory', () => {
  it('lets a platform admin manage everything across tenants', () => {
    const admin = abilityOf(['platform-admin']);
    expect(admin.can('delete', asSubject('Product', other))).toBe(true);
    expect(admin.can('update', asSubject('Tenant', { id: 'org-b' }))).toBe(true);
    expect(admin.can('read', asSubject('Order', other))).toBe(true);
  });

  it('lets a seller owner manage its own tenant records, settings, staff, API clients and payouts only', () => {
    const owner = abilityOf(['seller-owner'], 'org-a');
    for (const type of [
      'Product',
      'Order',
      'Inventory',
      'TenantSettings',
      'StaffInvitation',
      'ApiClient',
      'Payout',
    ] as const) {
      expect(owner.can('update', asSubject(type, own))).toBe(true);
      expect(owner.can('update', asSubject(type, other))).toBe(false);
    }
    expect(owner.can('update', asSubject('Tenant', { id: 'org-a' }))).toBe(true);
    expect(owner.can('update', asSubject('Tenant', { id: 'org-b' }))).toBe(false);
    expect(owner.can('delete', 'Tenant')).toBe(false);
  });

  it('lets seller staff and API clients run catalog, inventory and orders but not settings, staff, API clients or payouts', () => {
    for (const role of ['seller-staff', 'api-client'] as const) {
      const staff = abilityOf([role], 'org-a');
      for (const type of ['Product', 'Inventory', 'Order'] as const) {
        expect(staff.can('update', asSubject(type, own))).toBe(true);
        expect(staff.can('update', asSubject(type, other))).toBe(false);
      }
      for (const type of ['TenantSettings', 'StaffInvitation', 'ApiClient', 'Payout'] as const) {
        expect(staff.can('read', asSubject(type, own))).toBe(false);
        expect(staff.can('read', type)).toBe(false);
      }
      expect(staff.can('update', asSubject('Tenant', { id: 'org-a' }))).toBe(false);
    }
  });

  it("lets API clients, not staff, manage their own tenant's webhook endpoints", () => {
    const client = abilityOf(['api-client'], 'org-a');
    expect(client.can('manage', asSubject('Webhook', own))).toBe(true);
    expect(client.can('update', asSubject('Webhook', other))).toBe(false);
    const staff = abilityOf(['seller-staff'], 'org-a');
    expect(staff.can('read', asSubject('Webhook', own))).toBe(false);
    expect(staff.can('read', 'Webhook')).toBe(false);
  });

  it('grants seller roles nothing of their tenant when the token named no tenant', () => {
    const owner = abilityOf(['seller-owner']);
    expect(owner.can('update', 'Product')).toBe(false);
  });

  it('lets a buyer read published products and manage only its own buyer data', () => {
    const buyer = abilityOf(['buyer'], undefined, 'buyer-1');
    expect(buyer.can('read', asSubject('Product', { status: 'published', tenantId: 'org-a' }))).toBe(true);
    expect(buyer.can('read', asSubject('Product', { status: 'draft', tenantId: 'org-a' }))).toBe(false);
    expect(buyer.can('update', asSubject('Product', { status: 'published', tenantId: 'org-a' }))).toBe(false);
    expect(buyer.can('update', asSubject('Cart', { buyerId: 'buyer-1' }))).toBe(true);
    expect(buyer.can('read', asSubject('BuyerOrder', { buyerId: 'buyer-2' }))).toBe(false);
    expect(buyer.can('read', 'Order')).toBe(false);
  });

  it('lets anonymous visitors read only the published catalog', () => {
    const anonymous = factory.forPrincipal(undefined);
    expect(anonymous.can('read', asSubject('Product', { status: 'published' }))).toBe(true);
    expect(anonymous.can('read', 'Cart')).toBe(false);
  });
});
