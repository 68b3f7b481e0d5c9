import { AnyEventDefinition, EventEnvelopeOf } from './define-event';
import { EventValidationError, parseEnvelope } from './envelope';

/**
 * Several event definitions (typically every version of the types a consumer understands). The
 * (type, version) pair of an incoming envelope selects the payload schema; any other pair is refused.
 */
export class EventCatalog<TDefinition extends AnyEventDefinition = AnyEventDefinition> {
  private readonly byTypeAndVersion = new Map<string, TDefinition>();

  constructor(definitions: readonly TDefinition[]) {
    for (const definition of definitions) {
      const id = catalogKey(definition.type, definition.version);
      if (this.byTypeAndVersion.has(id))
        throw new Error(`Event ${definition.type} v${definition.version} is defined twice`);
      this.byTypeAndVersion.set(id, definition);
    }
  }

  get definitions(): TDefinition[] {
    return [...this.byTypeAndVersion.values()];
  }

  get topics(): string[] {
    return [...new Set(this.definitions.map((d) => d.topic))];
  }

  knowsType(type: string): boolean {
    return this.definitions.some((d) => d.type === type);
  }

  find(type: string, version: number): TDefinition | undefined {
    return this.byTypeAndVersion.get(catalogKey(type, version));
  }

  parse(input: unknown): EventEnvelopeOf<TDefinition> {
    const envelope = parseEnvelope(input);
    const definition = this.find(envelope.type, envelope.version);
    if (!definition) {
      const known = this.definitions.filter((d) => d.type === envelope.type).map((d) => d.version);
      const message = known.length
        ? `version ${envelope.version} is not supported (supported: ${known.join(', ')})`
        : `unknown event type "${envelope.type}"`;
      throw new EventValidationError(
        `Unsupported event ${envelope.type} v${envelope.version}`,
        [{ path: 'version', message }],
        envelope,
      );
    }
    return definition.parsePayload(envelope) as EventEnvelopeOf<TDefinition>;
  }
}

function catalogKey(type: string, version: number): string {
  return `${type}@${version}`;
}
