import {
  TenantStatusUnavailableError,
  type TenantStanding,
  type TenantStatusLookup,
} from '@marketplace/auth';

/** What the tenants service says of a tenant: its standing (undefined: no such tenant) and when it last changed. */
export interface TenantStatusFact {
  standing: TenantStanding | undefined;
  changedAt: Date | undefined;
}

/** The authority asked on a cache miss: the tenants service (or, in it, its own table). */
export interface TenantStatusSource {
  fetch(tenantId: string): Promise<TenantStatusFact>;
}

export interface CachedTenantStatusOptions {
  /** How long an answer or event is trusted; at most 60 s (ADR 0048). */
  ttlMs: number;
  /**
   * Tests only (refused in production): a tenant the source does not know, or cannot be asked about, counts as
   * active. Integration tests create organizations by token claims, often without a tenants service.
   */
  assumeActive: boolean;
  /** Tenants held at most; the oldest entry goes first. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  standing: TenantStanding | undefined;
  changedAt: number;
  learnedAt: number;
  expiresAt: number;
}

/** A held refusal older than this is confirmed with the source before it is answered. */
const CONFIRM_REFUSAL_AFTER_MS = 1000;

const ACTIVE: TenantStanding = { status: 'active' };

/**
 * This replica's memory of tenant statuses: fed by the tenant lifecycle events as they happen, filled on a miss by
 * one call to the source (concurrent misses of one tenant share it), every entry trusted for `ttlMs` at most. Of
 * two facts about a tenant the later change wins, so an answer fetched before an event cannot undo it. A held
 * status that refuses writes (pending, suspended, unknown…) is confirmed with the source once it is a second old,
 * so an approval or reactivation never waits for its event; an active status is trusted until an event or the TTL
 * says otherwise.
 */
export class CachedTenantStatusLookup implements TenantStatusLookup {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<TenantStanding | undefined>>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(
    private readonly source: TenantStatusSource,
    private readonly options: CachedTenantStatusOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  async standingOf(tenantId: string): Promise<TenantStanding | undefined> {
    const now = this.now();
    const entry = this.entries.get(tenantId);
    const held = entry && entry.expiresAt > now ? entry : undefined;
    if (held) {
      const standing = this.answer(held.standing);
      if (standing?.status === 'active' || now - held.learnedAt < CONFIRM_REFUSAL_AFTER_MS) return standing;
    }
    const pending = this.inFlight.get(tenantId);
    if (pending) return pending;
    const asked = this.ask(tenantId, held).finally(() => this.inFlight.delete(tenantId));
    this.inFlight.set(tenantId, asked);
    return asked;
  }

  /** A lifecycle event: remembered unless a later change is already known. */
  apply(tenantId: string, standing: TenantStanding, changedAt: Date): void {
    this.remember(tenantId, standing, changedAt.getTime());
  }

  /** Asks the source; when it cannot answer, a held status (a refusal being confirmed) still stands. */
  private async ask(tenantId: string, held: Entry | undefined): Promise<TenantStanding | undefined> {
    let fact: TenantStatusFact;
    try {
      fact = await this.source.fetch(tenantId);
    } catch (error) {
      if (held) return this.answer(held.standing);
      if (!this.options.assumeActive) throw new TenantStatusUnavailableError(error);
      fact = { standing: undefined, changedAt: undefined };
    }
    this.remember(tenantId, fact.standing, fact.changedAt?.getTime() ?? 0);
    return this.answer(this.entries.get(tenantId)?.standing);
  }

  private remember(tenantId: string, standing: TenantStanding | undefined, changedAt: number): void {
    const now = this.now();
    const held = this.entries.get(tenantId);
    const kept = held && held.expiresAt > now && held.changedAt > changedAt ? held : undefined;
    this.entries.delete(tenantId);
    this.entries.set(tenantId, {
      standing: kept ? kept.standing : standing,
      changedAt: kept ? kept.changedAt : changedAt,
      learnedAt: now,
      expiresAt: now + this.options.ttlMs,
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  private answer(standing: TenantStanding | undefined): TenantStanding | undefined {
    return standing ?? (this.options.assumeActive ? ACTIVE : undefined);
  }
}
