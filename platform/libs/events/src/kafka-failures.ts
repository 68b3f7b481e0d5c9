import { errorMessage } from './logger';

/** The error with the causes the Kafka client nests in it (per-partition errors of one produce request). */
export function describeFailure(error: unknown): string {
  const nested = (error as { errors?: unknown[] } | null)?.errors;
  if (!Array.isArray(nested) || nested.length === 0) return errorMessage(error);
  return `${errorMessage(error)} (${nested.map(describeFailure).join('; ')})`;
}

/** False only for errors the Kafka client marks as not worth retrying (message too large, invalid topic...). */
export function retryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return true;
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) return nested.some(retryable);
  return (error as { canRetry?: boolean }).canRetry !== false;
}
