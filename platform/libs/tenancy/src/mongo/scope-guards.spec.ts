import { TenantScopeViolationError } from '../errors';
import { assertNoUpsert, assertPipelineStaysInTenant, assertUpdateKeepsTenant } from './scope-guards';
import { scopeFilter } from './tenant-collection';

describe('tenant scope guards', () => {
  it('accepts operator updates that leave tenantId alone', () => {
    expect(() =>
      assertUpdateKeepsTenant({ $set: { name: 'x', 'tenantIdentity.note': 'y' }, $inc: { stock: 1 } }),
    ).not.toThrow();
  });

  it.each([
    [{ $set: { tenantId: 'other' } }],
    [{ $unset: { tenantId: '' } }],
    [{ $set: { 'tenantId.x': 1 } }],
    [{ $setOnInsert: { tenantId: 'other' } }],
    [{ $rename: { tenantId: 'formerTenant' } }],
    [{ $rename: { owner: 'tenantId' } }],
    [{ tenantId: 'other', name: 'replacement' }],
    [[{ $set: { tenantId: 'other' } }]],
  ])('refuses an update touching tenantId or replacing the document: %j', (update) => {
    expect(() => assertUpdateKeepsTenant(update as never)).toThrow(TenantScopeViolationError);
  });

  it('refuses stages that reach other collections', () => {
    for (const stage of ['$lookup', '$unionWith', '$out', '$merge', '$graphLookup']) {
      expect(() => assertPipelineStaysInTenant([{ $match: {} }, { [stage]: {} }])).toThrow(
        TenantScopeViolationError,
      );
    }
    expect(() =>
      assertPipelineStaysInTenant([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { n: -1 } }]),
    ).not.toThrow();
  });

  it('refuses upserts', () => {
    expect(() => assertNoUpsert({ upsert: true })).toThrow(TenantScopeViolationError);
    expect(() => assertNoUpsert(undefined)).not.toThrow();
  });

  it('ANDs the tenant with the caller filter so another tenant in the filter matches nothing', () => {
    expect(scopeFilter({}, 't-a')).toEqual({ tenantId: 't-a' });
    expect(scopeFilter({ tenantId: 't-b' }, 't-a')).toEqual({
      $and: [{ tenantId: 't-a' }, { tenantId: 't-b' }],
    });
  });
});
