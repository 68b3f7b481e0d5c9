import { recordAuditedRead } from '@marketplace/audit';
import { Roles } from '@marketplace/auth';
import { displayNameOf, KeycloakAdminClient } from '@marketplace/identity';
import { MySqlDatabase } from '@marketplace/service-kit';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { DirectoryUser } from './directory-user.model';

const emailSchema = z.email('must be an e-mail address').max(320);

/**
 * Platform admins: who is behind an e-mail address, so that orders (which keep only the buyer's id) can be found
 * by it. The identity directory stays the one owner of e-mail addresses (ADR 0037); each lookup is audited with
 * the user found, not the address typed.
 */
@Roles('platform-admin')
@Resolver()
export class UserDirectoryResolver {
  constructor(
    private readonly keycloak: KeycloakAdminClient,
    private readonly database: MySqlDatabase,
  ) {}

  @Query(() => DirectoryUser, {
    nullable: true,
    description: 'Platform admin: the user with this e-mail address (exact, case-insensitive), or null.',
  })
  async userByEmail(@Args('email') email: string): Promise<DirectoryUser | null> {
    const address = emailSchema.parse(email.trim());
    const user = await this.keycloak.findUserByEmail(address);
    await recordAuditedRead(this.database.db, {
      service: 'tenants',
      action: 'user.lookup',
      tenantId: null,
      targetType: 'user',
      targetId: user?.id ?? null,
      after: { found: user !== undefined },
    });
    if (!user) return null;
    return {
      id: user.id,
      email: user.email ?? null,
      name: displayNameOf(user),
    };
  }
}
