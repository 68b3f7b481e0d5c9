import { Inject, Injectable } from '@nestjs/common';
import { TenantStaffInvited, sealSecret } from '@marketplace/contracts';
import { ForbiddenError, type Principal } from '@marketplace/auth';
import { enqueue } from '@marketplace/events';
import { recordAudit } from '@marketplace/audit';
import {
  displayNameOf,
  KeycloakAdminClient,
  KeycloakConflictError,
  KeycloakNotFoundError,
} from '@marketplace/identity';
import { InjectLogger, type Logger, ConflictError, NotFoundError } from '@marketplace/observability';
import { type MySqlDb, requireTenantId, withinTenant } from '@marketplace/tenancy';
import { MySqlDatabase } from '@marketplace/service-kit';
import { and, eq, gt } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { TenantsConfig } from '../config';
import { TENANTS_CONFIG } from '../infrastructure.module';
import { TenantsService } from '../tenants/tenants.service';
import { invitationIdSchema, inviteStaffSchema, memberIdSchema } from './invitation.inputs';
import { invitationRecords } from './invitation.repository';
import { staffInvitations, type InvitationRow } from './invitation.schema';
import { hashInvitationToken, newInvitationToken, tenantOfInvitationToken } from './invitation-token';

const LIST_LIMIT = 200;

/** Why an invitation the token names can no longer be accepted, as its holder should read it. */
function refuseUnusable(invitation: InvitationRow, now: Date): void {
  if (invitation.status === 'accepted')
    throw new ConflictError('This invitation was already used; each invitation link works once');
  if (invitation.status === 'revoked')
    throw new ConflictError("The store's owner revoked this invitation; ask them to invite you again");
  if (invitation.expiresAt <= now) {
    const expired = invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
    throw new ConflictError(
      `This invitation expired on ${expired} UTC; ask the store's owner to invite you again`,
    );
  }
}

/** Owners invite staff by e-mail; the invited user accepts with the token the e-mail carries. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly database: MySqlDatabase,
    private readonly keycloak: KeycloakAdminClient,
    private readonly tenants: TenantsService,
    @Inject(TENANTS_CONFIG) private readonly config: TenantsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** The organization's members with their role in it, the owner first, then by e-mail. */
  async members(): Promise<
    { userId: string; email: string | null; name: string; role: 'owner' | 'staff' }[]
  > {
    const tenant = await this.tenants.myTenant();
    const members = await this.keycloak.listMembers(tenant.tenantId);
    return members
      .map((member) => ({
        userId: member.id,
        email: member.email ?? null,
        name: displayNameOf(member),
        role: member.id === tenant.ownerUserId ? ('owner' as const) : ('staff' as const),
      }))
      .sort((a, b) =>
        a.role === b.role ? (a.email ?? '').localeCompare(b.email ?? '') : a.role === 'owner' ? -1 : 1,
      );
  }

  async invite(principal: Principal, email: string): Promise<InvitationRow> {
    const input = inviteStaffSchema.parse({ email });
    const tenant = await this.tenants.myTenant();
    if (tenant.status === 'suspended' || tenant.status === 'rejected')
      throw new ForbiddenError(`A ${tenant.status} organization cannot invite staff`);
    const now = new Date();
    const token = newInvitationToken(tenant.tenantId);
    const row: InvitationRow = {
      tenantId: tenant.tenantId,
      id: ulid(),
      email: input.email,
      tokenHash: hashInvitationToken(token),
      status: 'pending',
      invitedBy: principal.userId,
      expiresAt: new Date(now.getTime() + this.config.INVITATION_TTL_HOURS * 3600_000),
      createdAt: now,
      acceptedBy: null,
      acceptedAt: null,
      revokedAt: null,
    };
    await this.database.db.transaction(async (tx: MySqlDb) => {
      const open = await invitationRecords(tx).findOne(
        and(
          eq(staffInvitations.email, input.email),
          eq(staffInvitations.status, 'pending'),
          gt(staffInvitations.expiresAt, now),
        )!,
      );
      if (open)
        throw new ConflictError(`${input.email} already has an open invitation; revoke it to send a new one`);
      await invitationRecords(tx).insert(row);
      const event = TenantStaffInvited.create({
        tenantId: tenant.tenantId,
        tenantName: tenant.name,
        invitationId: row.id,
        email: row.email,
        acceptTokenSealed: sealSecret(token, this.config.INVITATION_TOKEN_KEY),
        expiresAt: row.expiresAt.toISOString(),
        invitedBy: principal.userId,
      });
      await enqueue(tx, event, { key: tenant.tenantId });
    });
    return row;
  }

  list(): Promise<InvitationRow[]> {
    return invitationRecords(this.database.db).list(LIST_LIMIT);
  }

  async revoke(id: string): Promise<InvitationRow> {
    const invitationId = invitationIdSchema.parse(id);
    const records = invitationRecords(this.database.db);
    const revoked = await records.update(
      and(eq(staffInvitations.id, invitationId), eq(staffInvitations.status, 'pending'))!,
      {
        status: 'revoked',
        revokedAt: new Date(),
      },
    );
    const row = await records.findOne(eq(staffInvitations.id, invitationId));
    if (!row) throw new NotFoundError('No such invitation');
    if (revoked === 0) throw new ConflictError(`The invitation is already ${row.status}`);
    return row;
  }

  /**
   * The owner removes a staff member who joined: the roles the acceptance granted in this organization and then
   * the membership go (roles first, so no moment leaves a role without membership), audited like other tenant
   * actions. Nobody removes themselves or the organization's owner (its only owner). The member's current token
   * keeps its claims until it expires; every token issued afterwards carries no role in this organization.
   */
  async removeMember(
    principal: Principal,
    userId: string,
  ): Promise<{
    userId: string;
    email: string | null;
    name: string;
    role: 'staff';
  }> {
    const memberId = memberIdSchema.parse(userId);
    const tenant = await this.tenants.myTenant();
    if (memberId === principal.userId)
      throw new ConflictError('You cannot remove yourself from your own organization');
    if (memberId === tenant.ownerUserId)
      throw new ConflictError("The organization's owner cannot be removed");
    const member = (await this.keycloak.listMembers(tenant.tenantId)).find((user) => user.id === memberId);
    if (!member) throw new NotFoundError('No such member of this organization');
    await this.keycloak.revokeOrganizationRoles(tenant.tenantId, memberId);
    await this.keycloak.removeMember(tenant.tenantId, memberId).catch((error: unknown) => {
      // Removed concurrently: the outcome wanted.
      if (!(error instanceof KeycloakNotFoundError)) throw error;
    });
    const removed = {
      userId: memberId,
      email: member.email ?? null,
      name: displayNameOf(member),
      role: 'staff' as const,
    };
    await this.database.db.transaction((tx: MySqlDb) =>
      recordAudit(tx, {
        service: 'tenants',
        action: 'staff.remove',
        tenantId: tenant.tenantId,
        targetType: 'user',
        targetId: memberId,
        // Kept after the tenant's deletion (ADR 0038): the member by user id, not by e-mail address.
        before: { member: true, role: 'staff' },
        after: { member: false },
      }),
    );
    this.logger.info({ tenantId: tenant.tenantId, memberId }, 'staff member removed');
    return removed;
  }

  /**
   * The signed-in invitee joins: member of the organization and seller-staff in it only (ADR 0036), whatever the
   * invitee is elsewhere. The invitation is claimed first so that a token works once; if Keycloak then fails, the
   * claim is released again.
   */
  async accept(principal: Principal, token: string): Promise<string> {
    const tenantId = tenantOfInvitationToken(token);
    if (principal.kind !== 'user') throw new ForbiddenError('Only a signed-in user can accept an invitation');
    if (principal.tenantIds.includes(tenantId))
      throw new ConflictError('You are already a member of this organization');

    return withinTenant(tenantId, async () => {
      const records = invitationRecords(this.database.db);
      const now = new Date();
      const invitation = await records.findOne(eq(staffInvitations.tokenHash, hashInvitationToken(token)));
      if (!invitation) throw new NotFoundError('This invitation link is not valid');
      // Whoever holds the token had the invitation e-mail: they may learn what became of it and whom it was for.
      refuseUnusable(invitation, now);
      if (principal.email?.toLowerCase() !== invitation.email) {
        throw new ForbiddenError(
          `This invitation was sent to ${invitation.email}, but you are signed in as ${principal.email ?? 'an account without an e-mail address'}; sign in as ${invitation.email} to accept it`,
        );
      }
      // Anyone may register an account under any address; only a confirmed one proves it is the invitee's.
      if (principal.emailVerified !== true) {
        throw new ForbiddenError('Confirm your e-mail address before accepting this invitation');
      }
      const pending = and(eq(staffInvitations.id, invitation.id), eq(staffInvitations.status, 'pending'))!;
      const claimed = await records.update(pending, {
        status: 'accepted',
        acceptedBy: principal.userId,
        acceptedAt: now,
      });
      if (claimed === 0) throw new ConflictError('This invitation was used or revoked meanwhile');
      try {
        await this.keycloak.addMember(requireTenantId(), principal.userId).catch((error: unknown) => {
          if (!(error instanceof KeycloakConflictError)) throw error;
        });
        await this.keycloak.grantOrganizationRole(requireTenantId(), principal.userId, 'seller-staff');
      } catch (error) {
        await records
          .update(eq(staffInvitations.id, invitation.id), {
            status: 'pending',
            acceptedBy: null,
            acceptedAt: null,
          })
          .catch((releaseError: unknown) =>
            this.logger.error(
              { err: releaseError, invitationId: invitation.id },
              'releasing a failed invitation claim failed',
            ),
          );
        throw error;
      }
      this.logger.info(
        { invitationId: invitation.id, memberId: principal.userId },
        'staff invitation accepted',
      );
      return tenantId;
    });
  }
}
