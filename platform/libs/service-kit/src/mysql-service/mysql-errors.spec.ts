import { isMySqlDuplicateKey, isMySqlLockConflict } from './mysql-errors';

const mysqlError = (code: string) => Object.assign(new Error(`mysql says ${code}`), { code });

describe('isMySqlDuplicateKey', () => {
  it("recognizes mysql2's duplicate-key error, also when drizzle wrapped it as the cause (at any depth)", () => {
    expect(isMySqlDuplicateKey(mysqlError('ER_DUP_ENTRY'))).toBe(true);
    const wrapped = new Error('Failed query: insert ...', { cause: mysqlError('ER_DUP_ENTRY') });
    expect(isMySqlDuplicateKey(wrapped)).toBe(true);
    expect(isMySqlDuplicateKey(new Error('outer', { cause: wrapped }))).toBe(true);
  });

  it('refuses other errors and non-errors', () => {
    expect(isMySqlDuplicateKey(mysqlError('ER_LOCK_DEADLOCK'))).toBe(false);
    expect(isMySqlDuplicateKey(new Error('Failed query', { cause: mysqlError('ER_NO_SUCH_TABLE') }))).toBe(
      false,
    );
    expect(isMySqlDuplicateKey({ code: 'ER_DUP_ENTRY' })).toBe(false);
    expect(isMySqlDuplicateKey(undefined)).toBe(false);
  });
});

describe('isMySqlLockConflict', () => {
  it('recognizes a deadlock and a lock wait timeout by code or number, also wrapped as the cause', () => {
    expect(isMySqlLockConflict(mysqlError('ER_LOCK_DEADLOCK'))).toBe(true);
    expect(isMySqlLockConflict(mysqlError('ER_LOCK_WAIT_TIMEOUT'))).toBe(true);
    expect(isMySqlLockConflict(Object.assign(new Error('deadlock'), { errno: 1213 }))).toBe(true);
    expect(isMySqlLockConflict(new Error('Failed query', { cause: mysqlError('ER_LOCK_DEADLOCK') }))).toBe(
      true,
    );
  });

  it('refuses other errors and non-errors', () => {
    expect(isMySqlLockConflict(mysqlError('ER_DUP_ENTRY'))).toBe(false);
    expect(isMySqlLockConflict(Object.assign(new Error('duplicate'), { errno: 1062 }))).toBe(false);
    expect(isMySqlLockConflict({ code: 'ER_LOCK_DEADLOCK' })).toBe(false);
    expect(isMySqlLockConflict(undefined)).toBe(false);
  });
});
