import { recordAuditedRead } from '@marketplace/audit';
import { Roles } from '@marketplace/auth';
import { MySqlDatabase } from '@marketplace/service-kit';
import { withinTenant } from '@marketplace/tenancy';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { tenantId as tenantIdSchema } from '../tenants/tenant.inputs';
import { TeamMember } from './invitation.model';
import { InvitationsService } from './invitations.service';

/** Platform admins: a seller's members and their roles (the seller detail page), an audited cross-tenant read. */
@Roles('platform-admin')
@Resolver()
export class StaffAdminResolver {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly database: MySqlDatabase,
  ) {}

  @Query(() => [TeamMember], {
    description: "Platform admin: a seller's members with their role, the owner first (audited read).",
  })
  async sellerStaff(@Args('sellerId', { type: () => ID }) sellerId: string): Promise<TeamMember[]> {
    const tenantId = tenantIdSchema.parse(sellerId);
    return withinTenant(tenantId, async () => {
      const members = await this.invitations.members();
      await recordAuditedRead(this.database.db, {
        service: 'tenants',
        action: 'staff.read',
        tenantId,
        targetType: 'tenant',
        targetId: tenantId,
        after: { members: members.length },
      });
      return members;
    });
  }
}
