import { CheckAbility, CurrentPrincipal, OpenToPendingTenants, type Principal } from '@marketplace/auth';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AcceptInvitationPayload, StaffInvitation, TeamMember, toStaffInvitation } from './invitation.model';
import { InvitationsService } from './invitations.service';

export const JOINED_MESSAGE =
  'You joined the organization as staff. Sign in again so that your token carries it.';

/** A pending organization may already build its team (ADR 0048). */
@OpenToPendingTenants()
@Resolver()
export class InvitationsResolver {
  constructor(private readonly invitations: InvitationsService) {}

  @CheckAbility('create', 'StaffInvitation')
  @Mutation(() => StaffInvitation, { description: 'Owner only: invites an e-mail address to join as staff.' })
  async inviteStaff(
    @CurrentPrincipal() principal: Principal,
    @Args('email') email: string,
  ): Promise<StaffInvitation> {
    return toStaffInvitation(await this.invitations.invite(principal, email));
  }

  @CheckAbility('read', 'StaffInvitation')
  @Query(() => [StaffInvitation], { description: 'Owner only: the latest 200 invitations, newest first.' })
  async staffInvitations(): Promise<StaffInvitation[]> {
    const now = new Date();
    return (await this.invitations.list()).map((row) => toStaffInvitation(row, now));
  }

  @CheckAbility('read', 'StaffInvitation')
  @Query(() => [TeamMember], { description: 'Owner only: who belongs to the organization, with their role.' })
  teamMembers(): Promise<TeamMember[]> {
    return this.invitations.members();
  }

  @CheckAbility('delete', 'StaffInvitation')
  @Mutation(() => StaffInvitation, {
    description: 'Owner only: a pending invitation can no longer be accepted.',
  })
  async revokeInvitation(@Args('id', { type: () => ID }) id: string): Promise<StaffInvitation> {
    return toStaffInvitation(await this.invitations.revoke(id));
  }

  @CheckAbility('delete', 'StaffInvitation')
  @Mutation(() => TeamMember, {
    description:
      'Owner only: removes a staff member who joined (their role and membership in this organization); not oneself ' +
      'nor the owner. Audited.',
  })
  removeTeamMember(
    @CurrentPrincipal() principal: Principal,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<TeamMember> {
    return this.invitations.removeMember(principal, userId);
  }

  @Mutation(() => AcceptInvitationPayload, {
    description: 'The invited, signed-in user joins the organization as staff.',
  })
  async acceptInvitation(
    @CurrentPrincipal() principal: Principal,
    @Args('token') token: string,
  ): Promise<AcceptInvitationPayload> {
    return { tenantId: await this.invitations.accept(principal, token), message: JOINED_MESSAGE };
  }
}
