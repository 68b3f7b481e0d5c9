import { createHash } from 'node:crypto';
import { openSealedSecret } from '@marketplace/contracts';
import {
  clientCredentialsToken,
  createTestAdmin,
  createTestBuyer,
  passwordToken,
  testKeycloakAdmin,
} from '@marketplace/testing';
import { eq } from 'drizzle-orm';
import { staffInvitations } from '../src/staff/invitation.schema';
import {
  claimsOf,
  errorCode,
  newSeller,
  startTenantsApp,
  type Seller,
  type TenantsTestApp,
  type Loose,
} from './support';

const INVITE = 'mutation($email: String!) { inviteStaff(email: $email) { id email state } }';
const INVITATIONS = '{ staffInvitations { id email state } }';
const REVOKE_INVITATION = 'mutation($id: ID!) { revokeInvitation(id: $id) { id state } }';
const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token) { tenantId message } }';
const CREATE_CLIENT =
  'mutation($name: String!) { createApiClient(name: $name) { clientSecret apiClient { id clientId name } } }';
const CLIENTS = '{ apiClients { id clientId name } }';
const REVOKE_CLIENT = 'mutation($id: ID!) { revokeApiClient(id: $id) { id clientId } }';
const TEAM = '{ teamMembers { userId email name role } }';
const ROTATE_CLIENT =
  'mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret apiClient { id clientId } } }';
const UPDATE =
  'mutation($settings: TenantSettingsInput!) { updateMyTenant(settings: $settings) { id name contactEmail defaultCurrency } }';

describe('tenants: settings, staff invitations and API clients of one seller stay its own', () => {
  let app: TenantsTestApp;
  let sellerA: Seller;
  let sellerB: Seller;

  beforeAll(async () => {
    app = await startTenantsApp();
    const admin = await createTestAdmin();
    sellerA = await newSeller(app, { active: true, admin });
    sellerB = await newSeller(app, { active: true, admin });
  });
  afterAll(() => app.close());

  async function acceptTokenOf(tenantId: string, email: string): Promise<string> {
    const invited = (await app.outboxEvents(tenantId)).filter(
      (event) => event.type === 'tenant.staff-invited',
    );
    const sealed = invited.filter((event) => event.payload.email === email).at(-1)!.payload.acceptTokenSealed;
    // What notifications does to e-mail the link: open the token with the key it shares with tenants.
    return openSealedSecret(sealed as string, app.config.INVITATION_TOKEN_KEY);
  }

  it('lets the owner update validated settings of its own tenant only', async () => {
    const before = await app.gql(
      '{ myTenant { id name contactEmail defaultCurrency } }',
      {},
      sellerB.ownerToken,
    );
    const updated = await app.gql(
      UPDATE,
      { settings: { name: 'A renamed', defaultCurrency: 'NOK' } },
      sellerA.ownerToken,
    );
    expect(updated.data?.updateMyTenant).toMatchObject({
      id: sellerA.tenantId,
      name: 'A renamed',
      defaultCurrency: 'NOK',
    });

    for (const settings of [{ name: '' }, { contactEmail: 'nope' }, { defaultCurrency: 'euro' }, {}]) {
      expect(errorCode(await app.gql(UPDATE, { settings }, sellerA.ownerToken))).toBe('BAD_USER_INPUT');
    }
    expect(
      (await app.gql('{ myTenant { name defaultCurrency } }', {}, sellerA.ownerToken)).data?.myTenant,
    ).toEqual({
      name: 'A renamed',
      defaultCurrency: 'NOK',
    });
    expect(
      (await app.gql('{ myTenant { id name contactEmail defaultCurrency } }', {}, sellerB.ownerToken)).data,
    ).toEqual(before.data);
  });

  it('keeps a store profile (description, return policy, logo) that buyers read; bad input changes nothing', async () => {
    const PROFILE = `mutation($settings: TenantSettingsInput!) {
      updateMyTenant(settings: $settings) { id description returnPolicy logoMediaId }
    }`;
    const PUBLIC = 'query($id: ID!) { tenant(id: $id) { name description returnPolicy logo { id } } }';
    const logo = '01JD5Z7Q8X9V0W1Y2Z3A4B5C6D';
    const profile = {
      description: '  Hand-made pens from Porto.  ',
      returnPolicy: 'Returns within 30 days, unused and in the original box.',
      logoMediaId: logo,
    };
    const saved = await app.gql(PROFILE, { settings: profile }, sellerA.ownerToken);
    expect(saved.data?.updateMyTenant).toEqual({
      id: sellerA.tenantId,
      description: 'Hand-made pens from Porto.',
      returnPolicy: profile.returnPolicy,
      logoMediaId: logo,
    });
    const anonymous = await app.gql(PUBLIC, { id: sellerA.tenantId });
    expect(anonymous.data?.tenant).toMatchObject({
      description: 'Hand-made pens from Porto.',
      returnPolicy: profile.returnPolicy,
      logo: { id: logo },
    });

    for (const settings of [
      { description: 'x'.repeat(2001) },
      { returnPolicy: 'x'.repeat(5001) },
      { logoMediaId: '../../etc/passwd' },
    ]) {
      const refused = await app.gql(PROFILE, { settings }, sellerA.ownerToken);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    }
    expect((await app.gql(PUBLIC, { id: sellerA.tenantId })).data?.tenant).toEqual(anonymous.data?.tenant);
    expect((await app.gql(PUBLIC, { id: sellerB.tenantId })).data?.tenant).toMatchObject({
      description: null,
      logo: null,
    });

    // Empty values remove the texts and the logo.
    const cleared = await app.gql(
      PROFILE,
      { settings: { description: ' ', returnPolicy: '', logoMediaId: '' } },
      sellerA.ownerToken,
    );
    expect(cleared.data?.updateMyTenant).toMatchObject({
      description: null,
      returnPolicy: null,
      logoMediaId: null,
    });
  });

  it('keeps invitations per tenant: another owner can neither list nor revoke them', async () => {
    const invitee = `invitee-${sellerB.alias}@test.example.com`;
    const invited = await app.gql(INVITE, { email: invitee }, sellerB.ownerToken);
    expect(invited.data?.inviteStaff).toMatchObject({ email: invitee, state: 'PENDING' });
    const invitationId = invited.data!.inviteStaff.id as string;

    expect(errorCode(await app.gql(INVITE, { email: invitee }, sellerB.ownerToken))).toBe('CONFLICT');
    expect(errorCode(await app.gql(INVITE, { email: 'not-an-email' }, sellerB.ownerToken))).toBe(
      'BAD_USER_INPUT',
    );

    const listA = await app.gql(INVITATIONS, {}, sellerA.ownerToken);
    expect(listA.data?.staffInvitations.map((row: Loose) => row.id)).not.toContain(invitationId);
    expect(errorCode(await app.gql(REVOKE_INVITATION, { id: invitationId }, sellerA.ownerToken))).toBe(
      'NOT_FOUND',
    );
    const listB = await app.gql(INVITATIONS, {}, sellerB.ownerToken);
    expect(listB.data?.staffInvitations).toContainEqual({
      id: invitationId,
      email: invitee,
      state: 'PENDING',
    });

    const revoked = await app.gql(REVOKE_INVITATION, { id: invitationId }, sellerB.ownerToken);
    expect(revoked.data?.revokeInvitation).toEqual({ id: invitationId, state: 'REVOKED' });
  });

  it('refuses an accept token to an account whose e-mail address is not confirmed, even the invited one', async () => {
    const email = `unconfirmed-${sellerB.alias}@test.example.com`;
    const password = 'unconfirmed-password-1';
    const userId = await testKeycloakAdmin().createUser({
      email,
      password,
      firstName: 'Self',
      lastName: 'Registered',
      emailVerified: false,
    });
    const invited = await app.gql(INVITE, { email }, sellerB.ownerToken);
    expect(invited.errors).toBeUndefined();
    const token = await acceptTokenOf(sellerB.tenantId, email);

    const squatter = await passwordToken(email, password);
    expect(claimsOf(squatter)).toMatchObject({ email, email_verified: false });
    expect(errorCode(await app.gql(ACCEPT, { token }, squatter))).toBe('FORBIDDEN');
    expect(await testKeycloakAdmin().listMemberIds(sellerB.tenantId)).not.toContain(userId);
    const listed = await app.gql(INVITATIONS, {}, sellerB.ownerToken);
    expect(listed.data?.staffInvitations).toContainEqual({
      id: invited.data!.inviteStaff.id,
      email,
      state: 'PENDING',
    });
  });

  it('publishes the invitation with its accept token sealed; the invited user joins as staff once, others cannot', async () => {
    const staff = await createTestBuyer();
    const invited = await app.gql(INVITE, { email: staff.email }, sellerB.ownerToken);
    expect(invited.errors).toBeUndefined();
    const invitationId = invited.data!.inviteStaff.id as string;
    const token = await acceptTokenOf(sellerB.tenantId, staff.email);
    const event = (await app.outboxEvents(sellerB.tenantId)).find(
      (row) => row.payload.invitationId === invitationId,
    )!;
    expect(event).toMatchObject({
      key: sellerB.tenantId,
      payload: { email: staff.email, tenantId: sellerB.tenantId, invitationId },
    });
    // Whoever reads the outbox or the topic learns no usable token; the database holds only its hash.
    expect(JSON.stringify(event)).not.toContain(token.split('.')[1]);
    expect(() => openSealedSecret(event.payload.acceptTokenSealed as string, 'another-key')).toThrow();
    const stored = await app.database.db
      .select({ tokenHash: staffInvitations.tokenHash })
      .from(staffInvitations)
      .where(eq(staffInvitations.id, invitationId));
    expect(stored).toEqual([{ tokenHash: createHash('sha256').update(token).digest('hex') }]);

    const stranger = await createTestBuyer();
    const wrongAccount = await app.gql(ACCEPT, { token }, stranger.token);
    expect(errorCode(wrongAccount)).toBe('FORBIDDEN');
    // The holder of the link learns which address to sign in with.
    expect(wrongAccount.errors?.[0]?.message).toBe(
      `This invitation was sent to ${staff.email}, but you are signed in as ${stranger.email}; sign in as ${staff.email} to accept it`,
    );
    expect(
      errorCode(await app.gql(ACCEPT, { token: `${sellerB.tenantId}.${'x'.repeat(43)}` }, staff.token)),
    ).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(ACCEPT, { token: 'garbage' }, staff.token))).toBe('BAD_USER_INPUT');

    const accepted = await app.gql(ACCEPT, { token }, staff.token);
    expect(accepted.data?.acceptInvitation.tenantId).toBe(sellerB.tenantId);
    expect(await testKeycloakAdmin().listMemberIds(sellerB.tenantId)).toContain(staff.userId);
    expect(await testKeycloakAdmin().organizationRolesOf(staff.userId)).toEqual({
      [sellerB.tenantId]: ['seller-staff'],
    });
    const again = await app.gql(ACCEPT, { token }, staff.token);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toMatch(/already used/);

    const staffToken = await passwordToken(staff.email);
    expect((await app.gql('{ myTenant { id } }', {}, staffToken)).data?.myTenant).toEqual({
      id: sellerB.tenantId,
    });
    // Staff run operations; settings, staff and API clients are the owner's.
    expect(errorCode(await app.gql(UPDATE, { settings: { name: 'Staff was here' } }, staffToken))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await app.gql(INVITATIONS, {}, staffToken))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(TEAM, {}, staffToken))).toBe('FORBIDDEN');
    const team = (await app.gql(TEAM, {}, sellerB.ownerToken)).data?.teamMembers;
    expect(team).toEqual([
      expect.objectContaining({ role: 'owner' }),
      expect.objectContaining({ userId: staff.userId, email: staff.email, role: 'staff' }),
    ]);
    expect(
      (await app.gql(TEAM, {}, sellerA.ownerToken)).data?.teamMembers.map((m: Loose) => m.userId),
    ).not.toContain(staff.userId);
    expect(errorCode(await app.gql(CREATE_CLIENT, { name: 'staff client' }, staffToken))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(ROTATE_CLIENT, { id: '01JD0000000000000000000000' }, staffToken))).toBe(
      'FORBIDDEN',
    );
  });

  it('tells the holder of a revoked or expired invitation what became of it, and joins nobody', async () => {
    const [revokedInvitee, lateInvitee] = await Promise.all([createTestBuyer(), createTestBuyer()]);
    const revoked = await app.gql(INVITE, { email: revokedInvitee.email }, sellerB.ownerToken);
    const revokedToken = await acceptTokenOf(sellerB.tenantId, revokedInvitee.email);
    await app.gql(REVOKE_INVITATION, { id: revoked.data!.inviteStaff.id }, sellerB.ownerToken);
    const refusedRevoked = await app.gql(ACCEPT, { token: revokedToken }, revokedInvitee.token);
    expect(errorCode(refusedRevoked)).toBe('CONFLICT');
    expect(refusedRevoked.errors?.[0]?.message).toMatch(/revoked this invitation/);

    const late = await app.gql(INVITE, { email: lateInvitee.email }, sellerB.ownerToken);
    const lateToken = await acceptTokenOf(sellerB.tenantId, lateInvitee.email);
    const expiresAt = new Date(Date.UTC(2026, 0, 2, 3, 4));
    await app.database.db
      .update(staffInvitations)
      .set({ expiresAt })
      .where(eq(staffInvitations.id, late.data!.inviteStaff.id));
    const refusedLate = await app.gql(ACCEPT, { token: lateToken }, lateInvitee.token);
    expect(errorCode(refusedLate)).toBe('CONFLICT');
    expect(refusedLate.errors?.[0]?.message).toBe(
      "This invitation expired on 2026-01-02 03:04 UTC; ask the store's owner to invite you again",
    );
    const members = await testKeycloakAdmin().listMemberIds(sellerB.tenantId);
    expect(members).not.toContain(revokedInvitee.userId);
    expect(members).not.toContain(lateInvitee.userId);
  });

  it('shows an API client secret once; its token carries tenant_id; another tenant cannot see or revoke it', async () => {
    const created = await app.gql(CREATE_CLIENT, { name: 'ERP sync' }, sellerB.ownerToken);
    expect(created.errors).toBeUndefined();
    const { clientSecret, apiClient } = created.data!.createApiClient;
    expect(clientSecret).toEqual(expect.any(String));
    const token = await clientCredentialsToken(apiClient.clientId, clientSecret);
    expect(claimsOf(token)).toMatchObject({ tenant_id: sellerB.tenantId });

    const listed = await app.gql(CLIENTS, {}, sellerB.ownerToken);
    expect(listed.data?.apiClients).toContainEqual({
      id: apiClient.id,
      clientId: apiClient.clientId,
      name: 'ERP sync',
    });
    expect(JSON.stringify(listed.data)).not.toContain(clientSecret);
    const dump = await app.database.db.execute('SELECT * FROM api_clients');
    expect(JSON.stringify(dump)).not.toContain(clientSecret);

    expect(
      (await app.gql(CLIENTS, {}, sellerA.ownerToken)).data?.apiClients.map((row: Loose) => row.id),
    ).not.toContain(apiClient.id);
    expect(errorCode(await app.gql(REVOKE_CLIENT, { id: apiClient.id }, sellerA.ownerToken))).toBe(
      'NOT_FOUND',
    );
    expect(claimsOf(await clientCredentialsToken(apiClient.clientId, clientSecret)).tenant_id).toBe(
      sellerB.tenantId,
    );

    expect(errorCode(await app.gql(CREATE_CLIENT, { name: ' ' }, sellerB.ownerToken))).toBe('BAD_USER_INPUT');

    // Rotation: only the owning tenant's owner; the new secret works once shown, the old one no longer does.
    expect(errorCode(await app.gql(ROTATE_CLIENT, { id: apiClient.id }, sellerA.ownerToken))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await app.gql(ROTATE_CLIENT, { id: 'not-an-id' }, sellerB.ownerToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(claimsOf(await clientCredentialsToken(apiClient.clientId, clientSecret)).tenant_id).toBe(
      sellerB.tenantId,
    );
    const rotated = await app.gql(ROTATE_CLIENT, { id: apiClient.id }, sellerB.ownerToken);
    expect(rotated.errors).toBeUndefined();
    const newSecret = rotated.data!.rotateApiClientSecret.clientSecret;
    expect(rotated.data!.rotateApiClientSecret.apiClient).toEqual({
      id: apiClient.id,
      clientId: apiClient.clientId,
    });
    expect(newSecret).not.toBe(clientSecret);
    await expect(clientCredentialsToken(apiClient.clientId, clientSecret)).rejects.toMatchObject({
      name: 'KeycloakAuthError',
    });
    expect(claimsOf(await clientCredentialsToken(apiClient.clientId, newSecret)).tenant_id).toBe(
      sellerB.tenantId,
    );

    const revoked = await app.gql(REVOKE_CLIENT, { id: apiClient.id }, sellerB.ownerToken);
    expect(revoked.data?.revokeApiClient).toEqual({ id: apiClient.id, clientId: apiClient.clientId });
    await expect(clientCredentialsToken(apiClient.clientId, clientSecret)).rejects.toMatchObject({
      name: 'KeycloakAuthError',
    });
    expect(
      (await app.gql(CLIENTS, {}, sellerB.ownerToken)).data?.apiClients.map((row: Loose) => row.id),
    ).not.toContain(apiClient.id);
  });

  it('gives API access only to active tenants', async () => {
    const pending = await newSeller(app);
    expect(errorCode(await app.gql(CREATE_CLIENT, { name: 'too early' }, pending.ownerToken))).toBe(
      'FORBIDDEN',
    );
  });
});
