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
  expiresAt: number;
}

const ACTIVE: TenantStanding = { status: 'active' };

/**
 * This replica's memory of tenant statuses: fed by the tenant lifecycle events as they happen, filled on a miss by
 * one call to the source (concurrent misses of one tenant share it), every entry trusted for `ttlMs` at most. Of
 * two facts about a tenant the later change wins, so an answer fetched before an event cannot undo it.
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
    const entry = this.entries.get(tenantId);
    if (entry && entry.expiresAt > this.now()) return this.answer(entry.standing);
    const pending = this.inFlight.get(tenantId);
    if (pending) return pending;
    const asked = this.ask(tenantId).finally(() => this.inFlight.delete(tenantId));
    this.inFlight.set(tenantId, asked);
    return asked;
  }

  /** A lifecycle event: remembered unless a later change is already known. */
  apply(tenantId: string, standing: TenantStanding, changedAt: Date): void {
    this.remember(tenantId, standing, changedAt.getTime());
  }

  private async ask(tenantId: string): Promise<TenantStanding | undefined> {
    let fact: TenantStatusFact;
    try {
      fact = await this.source.fetch(tenantId);
    } catch (error) {
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
