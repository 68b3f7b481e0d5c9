/**
 * The realm file takes its secrets from environment placeholders, `${NAME}`, which Keycloak resolves when it
 * imports a realm at startup (`--import-realm`). The local stack imports through the admin API instead, so
 * it resolves them here, the same way, before sending the definition.
 */
const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The variable names the text refers to, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Replaces every `${NAME}` with its value (JSON-escaped); throws naming every variable that is unset. */
export function resolvePlaceholders(text: string, env: Readonly<Record<string, string | undefined>>): string {
  const missing = placeholdersIn(text).filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`The realm file needs ${missing.join(', ')} in the environment`);
  return text.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(env[name]).slice(1, -1));
}
