import { Inject, Injectable } from '@nestjs/common';
import { MySqlDatabase, type Sweeper } from '@marketplace/service-kit';
import { acrossTenants } from '@marketplace/tenancy';
import type { WebhooksConfig } from '../config';
import { WEBHOOKS_CONFIG } from '../config.token';
import { dispatchRecords } from './delivery.repository';

/** Deletes delivery log rows, settled deliveries and their events once they are older than the retention period. */
@Injectable()
export class LogRetentionSweeper implements Sweeper {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.WEBHOOK_LOG_RETENTION);
    return acrossTenants('webhooks.log-retention', () =>
      dispatchRecords(this.database.db).purgeBefore(cutoff),
    );
  }
}
