import { Inject, Injectable } from '@nestjs/common';
import { KeycloakAdminClient } from '@marketplace/identity';
import { InjectLogger, type Logger } from '@marketplace/observability';
import type { MySqlDb } from '@marketplace/events';
import { directoryRecords } from './directory.repository';

/**
 * The e-mail address of a user: the one their last verified token carried, else Keycloak's (then kept), so a
 * buyer who never opened the feed still gets their order confirmation.
 */
@Injectable()
export class RecipientDirectory {
  constructor(
    @Inject(KeycloakAdminClient) private readonly keycloak: KeycloakAdminClient,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async emailOf(db: MySqlDb, userId: string): Promise<string | undefined> {
    const records = directoryRecords(db);
    const known = await records.recipientEmail(userId);
    if (known) return known;
    const user = await this.keycloak.getUser(userId);
    if (!user?.email) {
      this.logger.warn({ userId }, 'no e-mail address known for the user; mail skipped');
      return undefined;
    }
    await records.rememberRecipient(userId, user.email);
    return user.email;
  }
}
