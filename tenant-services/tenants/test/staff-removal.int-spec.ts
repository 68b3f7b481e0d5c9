import { openSealedSecret } from '@marketplace/contracts';
import { createTestAdmin, createTestBuyer, passwordToken, testKeycloakAdmin } from '@marketplace/testing';
import { errorCode, newSeller, startTenantsApp, type Seller, type TenantsTestApp } from './support';

const INVITE = 'mutation($email: String!) { inviteStaff(email: $email) { id } }';
const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token) { tenantId } }';
const TEAM = '{ teamMembers { userId email role } }';
const REMOVE = 'mutation($userId: ID!) { removeTeamMember(userId: $userId) { userId email role } }';

/**
 * The owner removes a staff member who joined: Keycloak membership and organization role go the way the
 * invitation's acceptance added them, the removal is audited, and tokens issued afterwards carry no access.
 * Real tenants service, MariaDB and Keycloak.
 */
describe('tenants: the owner removes a staff member who joined', () => {
  let app: TenantsTestApp;
  let seller: Seller;
  let other: Seller;

  beforeAll(async () => {
    app = await startTenantsApp();
    const admin = await createTestAdmin();
    [seller, other] = await Promise.all([
      newSeller(app, { active: true, admin }),
      newSeller(app, { active: true, admin }),
    ]);
  });
  afterAll(() => app.close());

  async function joinedStaff(owner: Seller) {
    const staff = await createTestBuyer();
    expect((await app.gql(INVITE, { email: staff.email }, owner.ownerToken)).errors).toBeUndefined();
    const sealed = (await app.outboxEvents(owner.tenantId))
      .filter((event) => event.type === 'tenant.staff-invited' && event.payload.email === staff.email)
      .at(-1)!.payload.acceptTokenSealed as string;
    const token = openSealedSecret(sealed, app.config.INVITATION_TOKEN_KEY);
    expect((await app.gql(ACCEPT, { token }, staff.token)).data?.acceptInvitation.tenantId).toBe(
      owner.tenantId,
    );
    return { ...staff, token: await passwordToken(staff.email) };
  }

  it('removes membership and role, audits it, and refuses the member afterwards', async () => {
    const staff = await joinedStaff(seller);
    expect((await app.gql('{ myTenant { id } }', {}, staff.token)).data?.myTenant).toEqual({
      id: seller.tenantId,
    });

    // Staff cannot remove anyone; another organization's owner cannot reach this one's members.
    expect(errorCode(await app.gql(REMOVE, { userId: staff.userId }, staff.token))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(REMOVE, { userId: staff.userId }, other.ownerToken))).toBe('NOT_FOUND');
    // Nobody removes themselves, nor the owner (the organization's only owner).
    const self = await app.gql(REMOVE, { userId: seller.owner.userId }, seller.ownerToken);
    expect(errorCode(self)).toBe('CONFLICT');
    expect(errorCode(await app.gql(REMOVE, { userId: 'not-a-user' }, seller.ownerToken))).toBe(
      'BAD_USER_INPUT',
    );

    const removed = await app.gql(REMOVE, { userId: staff.userId }, seller.ownerToken);
    expect(removed.data?.removeTeamMember).toEqual({
      userId: staff.userId,
      email: staff.email,
      role: 'staff',
    });
    const keycloak = testKeycloakAdmin();
    expect(await keycloak.listMemberIds(seller.tenantId)).not.toContain(staff.userId);
    expect(await keycloak.listMemberIds(seller.tenantId)).toContain(seller.owner.userId);
    expect(await keycloak.organizationRolesOf(staff.userId)).toEqual({});
    expect((await app.gql(TEAM, {}, seller.ownerToken)).data?.teamMembers).toEqual([
      expect.objectContaining({ userId: seller.owner.userId, role: 'owner' }),
    ]);
    const audits = (await app.outboxEvents()).filter(
      (event) => event.payload.action === 'staff.remove' && event.payload.targetId === staff.userId,
    );
    expect(audits).toEqual([
      expect.objectContaining({
        key: seller.tenantId,
        payload: expect.objectContaining({
          service: 'tenants',
          tenantId: seller.tenantId,
          actorId: seller.owner.userId,
          targetType: 'user',
          before: expect.objectContaining({ member: true, role: 'staff' }),
          after: { member: false },
        }),
      }),
    ]);

    // A token issued now carries no role in the organization: the store is refused.
    const after = await passwordToken(staff.email);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(errorCode(await app.gql('{ myTenant { id } }', {}, after)));
    // Removing again finds nobody; the owner keeps its own place.
    expect(errorCode(await app.gql(REMOVE, { userId: staff.userId }, seller.ownerToken))).toBe('NOT_FOUND');
  });

  it('leaves the member’s place in other organizations alone', async () => {
    const staff = await joinedStaff(seller);
    const token = openSealedSecret(
      (await (async () => {
        expect((await app.gql(INVITE, { email: staff.email }, other.ownerToken)).errors).toBeUndefined();
        return (await app.outboxEvents(other.tenantId))
          .filter((event) => event.type === 'tenant.staff-invited' && event.payload.email === staff.email)
          .at(-1)!.payload.acceptTokenSealed;
      })()) as string,
      app.config.INVITATION_TOKEN_KEY,
    );
    expect((await app.gql(ACCEPT, { token }, staff.token)).errors).toBeUndefined();
    expect((await app.gql(REMOVE, { userId: staff.userId }, seller.ownerToken)).errors).toBeUndefined();
    expect(await testKeycloakAdmin().organizationRolesOf(staff.userId)).toEqual({
      [other.tenantId]: ['seller-staff'],
    });
    expect(await testKeycloakAdmin().listMemberIds(other.tenantId)).toContain(staff.userId);
  });
});
