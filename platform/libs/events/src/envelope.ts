import { z } from 'zod';

/** Crockford base32, 26 characters: what `ulid()` produces. */
const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** `<aggregate>.<what happened>`, lower case, e.g. `order.paid` or `stock.level-changed`. */
const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * The envelope every event travels in. The payload stays `unknown` here: its schema is chosen by the
 * (type, version) pair, see `defineEvent` and `EventCatalog`.
 */
export const envelopeSchema = z.object({
  id: z.string().regex(ULID_PATTERN, 'must be a ULID'),
  type: z.string().regex(EVENT_TYPE_PATTERN, 'must look like "aggregate.happened"'),
  version: z.number().int().positive(),
  tenantId: z.string().min(1).nullable(),
  // offset: false keeps every timestamp in UTC ("Z"), so consumers never parse local times.
  occurredAt: z.iso.datetime({ offset: false }),
  traceId: z.string().min(1).max(128),
  payload: z.unknown(),
});

export type RawEnvelope = z.infer<typeof envelopeSchema>;

export interface EventEnvelope<
  TType extends string = string,
  TVersion extends number = number,
  TPayload = unknown,
> {
  id: string;
  type: TType;
  version: TVersion;
  /** The seller organization the event belongs to; null for buyer and platform events. */
  tenantId: string | null;
  occurredAt: string;
  traceId: string;
  payload: TPayload;
}

export interface EventValidationIssue {
  path: string;
  message: string;
}

/** An event (or a message claiming to be one) that does not match its envelope or payload schema. */
export class EventValidationError extends Error {
  readonly issues: readonly EventValidationIssue[];
  readonly eventType: string | undefined;
  readonly eventVersion: number | undefined;

  constructor(
    summary: string,
    issues: readonly EventValidationIssue[],
    event: { type?: string; version?: number } = {},
  ) {
    const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    super(detail ? `${summary}: ${detail}` : summary);
    this.name = 'EventValidationError';
    this.issues = issues;
    this.eventType = event.type;
    this.eventVersion = event.version;
  }

  static fromZod(
    summary: string,
    error: z.ZodError,
    event?: { type?: string; version?: number },
  ): EventValidationError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    return new EventValidationError(summary, issues, event);
  }
}

/** Validates the envelope only (not the payload). */
export function parseEnvelope(input: unknown): RawEnvelope {
  const result = envelopeSchema.safeParse(input);
  if (!result.success) throw EventValidationError.fromZod('Invalid event envelope', result.error);
  return result.data;
}
