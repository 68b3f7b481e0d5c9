import { runWithContext } from '@marketplace/tenancy';
import { AUDIT_TOPIC, AuditRecorded, auditEvent } from './audit-event';
import { optionalReason, requiredReason } from './reason';

describe('audit event', () => {
  it('names the signed-in admin, the tenant in the payload and none on the envelope', () => {
    const event = runWithContext({ userId: 'admin-1', traceId: 'a'.repeat(32) }, () =>
      auditEvent({
        service: 'tenants',
        action: 'tenant.suspend',
        tenantId: 'tenant-1',
        targetType: 'tenant',
        targetId: 'tenant-1',
        before: { status: 'active' },
        after: { status: 'suspended' },
        reason: 'Counterfeit goods',
      }),
    );
    expect(event.topic).toBe(AUDIT_TOPIC);
    expect(event.envelope.tenantId).toBeNull();
    expect(AuditRecorded.parse(event.envelope).payload).toEqual({
      actorId: 'admin-1',
      service: 'tenants',
      action: 'tenant.suspend',
      tenantId: 'tenant-1',
      targetType: 'tenant',
      targetId: 'tenant-1',
      before: { status: 'active' },
      after: { status: 'suspended' },
      reason: 'Counterfeit goods',
      read: false,
    });
  });

  it('requires a worded reason where one is required and treats a blank optional one as none', () => {
    expect(requiredReason.safeParse('  ').success).toBe(false);
    expect(requiredReason.parse('  Fake brand ')).toBe('Fake brand');
    expect(optionalReason.parse('   ')).toBeNull();
    expect(optionalReason.parse(undefined)).toBeNull();
  });
});
