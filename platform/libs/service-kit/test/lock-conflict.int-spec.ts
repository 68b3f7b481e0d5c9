import { sql } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { connectMySql, isMySqlLockConflict, type MySqlConnection, retryOnLockConflict } from '../src';

const MYSQL_URL = process.env.MYSQL_URL ?? 'mysql://root:root@127.0.0.1:13306';
const database = `kit_locks_${ulid().toLowerCase()}`;
let connection: MySqlConnection;

beforeAll(async () => {
  connection = await connectMySql({ url: MYSQL_URL, database, createDatabase: true, poolSize: 4 });
  await connection.db.execute(sql`CREATE TABLE counters (id int NOT NULL PRIMARY KEY, n int NOT NULL)`);
});

afterAll(async () => {
  await connection.close();
  const admin = await mysql.createConnection(MYSQL_URL);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
});

beforeEach(async () => {
  await connection.db.execute(sql`DELETE FROM counters`);
  await connection.db.execute(sql`INSERT INTO counters (id, n) VALUES (1, 0), (2, 0)`);
});

/** Both resolve once both arrived: two transactions each holding their first row lock. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

/**
 * Increments both counters in one transaction, taking the row locks in `order`; the first attempt waits at the
 * barrier after its first lock, so two of them locking in opposite orders deadlock for sure.
 */
function incrementBoth(order: [number, number], meet: () => Promise<void>, attempts: number[]) {
  return () =>
    connection.db.transaction(async (tx) => {
      attempts.push(order[0]);
      await tx.execute(sql`UPDATE counters SET n = n + 1 WHERE id = ${order[0]}`);
      if (attempts.filter((first) => first === order[0]).length === 1) await meet();
      await tx.execute(sql`UPDATE counters SET n = n + 1 WHERE id = ${order[1]}`);
    });
}

const counters = async () =>
  ((await connection.pool.query('SELECT id, n FROM counters ORDER BY id'))[0] as { n: number }[]).map(
    (row) => row.n,
  );

describe('retryOnLockConflict against MariaDB', () => {
  it('without it, one of two transactions locking rows in opposite orders fails with a deadlock', async () => {
    const meet = barrier(2);
    const attempts: number[] = [];
    const outcomes = await Promise.allSettled([
      incrementBoth([1, 2], meet, attempts)(),
      incrementBoth([2, 1], meet, attempts)(),
    ]);
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(isMySqlLockConflict((failed[0] as PromiseRejectedResult).reason)).toBe(true);
    // The victim was rolled back whole: only the survivor's increments are there.
    expect(await counters()).toEqual([1, 1]);
  });

  it('runs the deadlock victim again, so both transactions commit in full', async () => {
    const meet = barrier(2);
    const attempts: number[] = [];
    await Promise.all([
      retryOnLockConflict(incrementBoth([1, 2], meet, attempts)),
      retryOnLockConflict(incrementBoth([2, 1], meet, attempts)),
    ]);
    expect(attempts).toHaveLength(3);
    expect(await counters()).toEqual([2, 2]);
  });

  it('gives other failures and the last conflict back to the caller', async () => {
    let calls = 0;
    await expect(
      retryOnLockConflict(async () => {
        calls++;
        await connection.db.execute(sql`SELECT * FROM no_such_table`);
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(calls).toBe(1);

    calls = 0;
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), {
      code: 'ER_LOCK_DEADLOCK',
      errno: 1213,
    });
    await expect(
      retryOnLockConflict(
        async () => {
          calls++;
          throw new Error('Failed query: update …', { cause: deadlock });
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toThrow('Failed query');
    expect(calls).toBe(3);
  });
});
