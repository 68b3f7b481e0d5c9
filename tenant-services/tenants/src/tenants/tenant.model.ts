import type { TenantStatus } from '@marketplace/contracts';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { TenantRow, TenantStatusChangeRow } from './tenant.schema';
import { ConnectionType } from '@marketplace/service-kit';

export const TenantStatusValue = {
  PENDING: 'pending',
  ACTIVE: 'active',
  SUSPENDED: 'suspended',
  REJECTED: 'rejected',
} as const;
registerEnumType(TenantStatusValue, {
  name: 'TenantStatus',
  description:
    'pending (signed up, awaiting approval) → active (may sell) ⇄ suspended; pending → rejected (final, with a reason)',
});

/** What anyone may see of a seller: the federated entity other subgraphs reference (e.g. a product's seller). */
@ObjectType({ description: 'A seller organization, as buyers and other services see it.' })
@Directive('@key(fields: "id")')
export class Tenant {
  @Field(() => ID, {
    description: 'The Keycloak organization id; the tenantId of every record the seller owns.',
  })
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'URL-safe unique slug.' })
  alias!: string;

  @Field(() => TenantStatusValue)
  status!: TenantStatus;

  @Field(() => String, { nullable: true, description: 'What the store is about, in its own words.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'How the store takes items back.' })
  returnPolicy!: string | null;

  /** Resolved to `logo` (a Media entity of the media subgraph). */
  logoMediaId!: string | null;
}

/** A reference to the media subgraph's Media entity, which it resolves with variant URLs. */
@ObjectType('Media')
@Directive('@key(fields: "id", resolvable: false)')
export class TenantLogoRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'One change of a tenant status.' })
export class TenantStatusChange {
  @Field(() => TenantStatusValue, { nullable: true, description: 'Null for the registration.' })
  from!: TenantStatus | null;

  @Field(() => TenantStatusValue)
  to!: TenantStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Keycloak user id; null when the platform itself changed it.',
  })
  changedBy!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  changedAt!: Date;
}

/** The full account of a tenant with the platform: for its own members and for platform admins. */
@ObjectType({ description: "A seller organization's account: visible to its members and platform admins." })
export class TenantAccount {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  alias!: string;

  @Field(() => TenantStatusValue)
  status!: TenantStatus;

  @Field(() => Int, { description: 'Platform commission in basis points (1000 = 10 %).' })
  commissionBps!: number;

  @Field({ description: 'ISO 4217 code.' })
  defaultCurrency!: string;

  @Field()
  contactEmail!: string;

  @Field()
  statusChangedAt!: Date;

  @Field(() => String, { nullable: true })
  statusChangedBy!: string | null;

  @Field(() => String, { nullable: true })
  suspensionReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the application was rejected (status REJECTED); shown to the seller.',
  })
  rejectionReason!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  returnPolicy!: string | null;

  @Field(() => ID, { nullable: true, description: 'Media id of the store logo.' })
  logoMediaId!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType()
export class SignUpSellerPayload {
  @Field(() => TenantAccount)
  tenant!: TenantAccount;

  @Field({ description: 'What to do next: sign in again so that the token carries the new organization.' })
  message!: string;
}

@ObjectType()
export class TenantAccountConnection extends ConnectionType(TenantAccount) {}

export function toTenantAccount(row: TenantRow): TenantAccount {
  return {
    id: row.tenantId,
    name: row.name,
    alias: row.alias,
    status: row.status,
    commissionBps: row.commissionBps,
    defaultCurrency: row.defaultCurrency,
    contactEmail: row.contactEmail,
    statusChangedAt: row.statusChangedAt,
    statusChangedBy: row.statusChangedBy,
    suspensionReason: row.suspensionReason,
    rejectionReason: row.rejectionReason,
    description: row.description,
    returnPolicy: row.returnPolicy,
    logoMediaId: row.logoMediaId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toStatusChange(row: TenantStatusChangeRow): TenantStatusChange {
  return {
    from: row.fromStatus,
    to: row.toStatus,
    changedBy: row.changedBy,
    reason: row.reason,
    changedAt: row.changedAt,
  };
}
