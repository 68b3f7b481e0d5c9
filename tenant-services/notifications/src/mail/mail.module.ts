import { Module } from '@nestjs/common';
import { periodicJob } from '@marketplace/service-kit';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../infrastructure.module';
import { MailSender } from './mail-sender';
import { PreferencesResolver } from './preferences.resolver';

@Module({
  providers: [
    MailSender,
    PreferencesResolver,
    periodicJob('mail-send', MailSender, {
      config: NOTIFICATIONS_CONFIG,
      intervalMs: (config: NotificationsConfig) => config.MAIL_SEND_INTERVAL_MS,
    }),
  ],
  exports: [MailSender],
})
export class MailModule {}
