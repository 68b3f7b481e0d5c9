import { ConfigError, loadConfig } from '@marketplace/config';

/** The variables `loadConfig` refuses for this environment, in the order it names them; none when it accepts it. */
export function refusedVariables(
  schema: Parameters<typeof loadConfig>[0],
  env: Record<string, string>,
): string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  return [];
}
