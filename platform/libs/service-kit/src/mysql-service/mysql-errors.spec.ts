import { isMySqlDuplicateKey } from './mysql-errors';

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
