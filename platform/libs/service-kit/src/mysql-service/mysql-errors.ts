/** A unique key refused the row (mysql2 `ER_DUP_ENTRY`, possibly wrapped by drizzle as the cause). */
export function isMySqlDuplicateKey(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: string }).code === 'ER_DUP_ENTRY') return true;
  }
  return false;
}
