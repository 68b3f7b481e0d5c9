import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { InvitationRow } from './invitation.schema';

export const InvitationStateValue = {
  PENDING: 'pending',
  ACCEPTED: 'accepted',
  REVOKED: 'revoked',
  EXPIRED: 'expired',
} as const;
export type InvitationState = (typeof InvitationStateValue)[keyof typeof InvitationStateValue];
registerEnumType(InvitationStateValue, { name: 'InvitationState' });

@ObjectType({ description: 'An invitation to join a seller organization as staff.' })
export class StaffInvitation {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => InvitationStateValue)
  state!: InvitationState;

  @Field()
  invitedBy!: string;

  @Field()
  createdAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;
}

@ObjectType()
export class AcceptInvitationPayload {
  @Field(() => ID)
  tenantId!: string;

  @Field()
  message!: string;
}

export function toStaffInvitation(row: InvitationRow, now = new Date()): StaffInvitation {
  const expired = row.status === 'pending' && row.expiresAt <= now;
  return {
    id: row.id,
    email: row.email,
    state: expired ? 'expired' : row.status,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    acceptedAt: row.acceptedAt,
  };
}

@ObjectType({ description: 'A member of the seller organization and its role in it.' })
export class TeamMember {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field()
  name!: string;

  @Field({ description: 'owner (signed the organization up; payouts, team, API) or staff (operations).' })
  role!: string;
}
