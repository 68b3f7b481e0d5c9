import { writeRefusal } from './tenant-status';

describe('writeRefusal', () => {
  it('lets an active tenant write anything', () => {
    expect(writeRefusal({ status: 'active' }, false)).toBeUndefined();
  });

  it('lets a pending or rejected tenant write only what is open to pending tenants', () => {
    expect(writeRefusal({ status: 'pending' }, false)).toBe('Your organization is awaiting approval');
    expect(writeRefusal({ status: 'pending' }, true)).toBeUndefined();
    expect(writeRefusal({ status: 'rejected', reason: 'Incomplete documents' }, false)).toBe(
      "Your organization's application was rejected: Incomplete documents",
    );
    expect(writeRefusal({ status: 'rejected' }, true)).toBeUndefined();
  });

  it('refuses every write of a suspended tenant with the reason, even one open to pending tenants', () => {
    expect(writeRefusal({ status: 'suspended', reason: 'Chargebacks' }, true)).toBe(
      'Your organization is suspended: Chargebacks',
    );
    expect(writeRefusal({ status: 'suspended' }, false)).toBe('Your organization is suspended');
  });

  it('refuses the writes of an organization the tenants service does not know', () => {
    expect(writeRefusal(undefined, true)).toBe('Your organization is not registered with the marketplace');
  });
});
