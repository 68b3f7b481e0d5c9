import { createTestAdmin, createTestBuyer, type TestUser } from '@marketplace/testing';
import { errorCode, newSeller, startTenantsApp, type TenantsTestApp } from './support';

const OVERVIEW =
  'query($days: Int) { sellerOverview(days: $days) { pending active suspended newSellers signupsByDay { day signups } } }';

describe('tenants: the admin overview of sellers (real MariaDB)', () => {
  let app: TenantsTestApp;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startTenantsApp();
    admin = await createTestAdmin();
  });
  afterAll(() => app.close());

  it('counts sellers by status and sign-ups per UTC day, every day of the period present', async () => {
    await newSeller(app);
    await newSeller(app, { active: true, admin });
    const answer = await app.gql(OVERVIEW, { days: 7 }, admin.token);
    const overview = answer.data!.sellerOverview;
    expect(overview).toMatchObject({ pending: 1, active: 1, suspended: 0, newSellers: 2 });
    expect(overview.signupsByDay).toHaveLength(7);
    expect(overview.signupsByDay.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), signups: 2 });
    expect(overview.signupsByDay.slice(0, 6).every((day: { signups: number }) => day.signups === 0)).toBe(
      true,
    );
  });

  it('refuses a period out of range and anyone but platform admins', async () => {
    expect(errorCode(await app.gql(OVERVIEW, { days: 0 }, admin.token))).toBe('BAD_USER_INPUT');
    const buyer = await createTestBuyer();
    const seller = await newSeller(app);
    for (const token of [buyer.token, seller.ownerToken, undefined])
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(errorCode(await app.gql(OVERVIEW, {}, token)));
  });
});
