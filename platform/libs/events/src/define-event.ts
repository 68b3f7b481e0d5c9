import { currentContext } from '@marketplace/tenancy';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { envelopeSchema, EventEnvelope, EventValidationError, parseEnvelope, RawEnvelope } from './envelope';
import { newTraceId } from './trace-id';

/**
 * Ids keep increasing within the process even inside one millisecond, so sorting an aggregate's pending
 * events by id (see DocumentOutbox) gives the order they were created in.
 */
const nextEventId = monotonicFactory();

const TOPIC_PATTERN = /^[a-zA-Z0-9._-]{1,249}$/;

export interface CreateEventOptions {
  /** Defaults to the tenant of the current request context; pass null for buyer/platform events. */
  tenantId?: string | null;
  /** Defaults to the trace of the current request context, else a new trace id. */
  traceId?: string;
  /** Defaults to now. */
  occurredAt?: Date;
}

/** An event ready for the outbox: the envelope plus the topic it is published to. */
export interface OutgoingEvent<TEnvelope extends EventEnvelope = EventEnvelope> {
  topic: string;
  envelope: TEnvelope;
}

export interface EventDefinition<TType extends string, TVersion extends number, TSchema extends z.ZodType> {
  readonly topic: string;
  readonly type: TType;
  readonly version: TVersion;
  readonly payload: TSchema;
  /** Validates the payload and wraps it in a new envelope (id, occurredAt, tenant and trace filled in). */
  create(
    payload: z.input<TSchema>,
    options?: CreateEventOptions,
  ): OutgoingEvent<EventEnvelope<TType, TVersion, z.output<TSchema>>>;
  /** Validates an incoming envelope of exactly this type and version, payload included. */
  parse(input: unknown): EventEnvelope<TType, TVersion, z.output<TSchema>>;
  /** Validates the payload of an envelope whose envelope fields were already checked. */
  parsePayload(envelope: RawEnvelope): EventEnvelope<TType, TVersion, z.output<TSchema>>;
}

export type AnyEventDefinition = EventDefinition<string, number, z.ZodType>;

export type EventEnvelopeOf<TDefinition> =
  TDefinition extends EventDefinition<infer TType, infer TVersion, infer TSchema>
    ? EventEnvelope<TType, TVersion, z.output<TSchema>>
    : never;

export function defineEvent<
  const TType extends string,
  const TVersion extends number,
  TSchema extends z.ZodType,
>(spec: {
  topic: string;
  type: TType;
  version: TVersion;
  payload: TSchema;
}): EventDefinition<TType, TVersion, TSchema> {
  if (!TOPIC_PATTERN.test(spec.topic)) throw new Error(`Invalid Kafka topic name "${spec.topic}"`);
  // The envelope schema's own rules, so a definition can never create envelopes its consumers reject.
  const typeCheck = envelopeSchema.shape.type.safeParse(spec.type);
  if (!typeCheck.success) throw EventValidationError.fromZod('Invalid event definition', typeCheck.error);
  const versionCheck = envelopeSchema.shape.version.safeParse(spec.version);
  if (!versionCheck.success)
    throw EventValidationError.fromZod('Invalid event definition', versionCheck.error);

  type Envelope = EventEnvelope<TType, TVersion, z.output<TSchema>>;
  const describe = { type: spec.type, version: spec.version };

  function validatePayload(payload: unknown): z.output<TSchema> {
    const result = spec.payload.safeParse(payload);
    if (!result.success) {
      throw EventValidationError.fromZod(
        `Invalid payload for ${spec.type} v${spec.version}`,
        result.error,
        describe,
      );
    }
    return result.data;
  }

  function parsePayload(envelope: RawEnvelope): Envelope {
    if (envelope.type !== spec.type) {
      throw new EventValidationError(
        `Expected event type ${spec.type}`,
        [{ path: 'type', message: `got "${envelope.type}"` }],
        envelope,
      );
    }
    if (envelope.version !== spec.version) {
      throw new EventValidationError(
        `Unsupported version of ${spec.type}`,
        [{ path: 'version', message: `got ${envelope.version}, this definition handles ${spec.version}` }],
        envelope,
      );
    }
    return {
      ...envelope,
      type: spec.type,
      version: spec.version,
      payload: validatePayload(envelope.payload),
    };
  }

  return {
    topic: spec.topic,
    type: spec.type,
    version: spec.version,
    payload: spec.payload,
    create(payload, options = {}) {
      const context = currentContext();
      const envelope: Envelope = {
        id: nextEventId(),
        type: spec.type,
        version: spec.version,
        tenantId: options.tenantId !== undefined ? options.tenantId : (context?.tenantId ?? null),
        occurredAt: (options.occurredAt ?? new Date()).toISOString(),
        traceId: options.traceId ?? context?.traceId ?? newTraceId(),
        payload: validatePayload(payload),
      };
      // Catches a bad tenant/trace option or context value before it reaches the outbox.
      parseEnvelope(envelope);
      return { topic: spec.topic, envelope };
    },
    parse(input) {
      return parsePayload(parseEnvelope(input));
    },
    parsePayload,
  };
}
