import { Module } from '@nestjs/common';
import { FeedModule } from '../feed/feed.module';
import { LiveEvents } from './live-events';
import { LiveHub } from './live-hub';
import { StreamController } from './stream.controller';
import { StreamTickets } from './stream-tickets';

@Module({
  imports: [FeedModule],
  controllers: [StreamController],
  providers: [LiveEvents, LiveHub, StreamTickets],
  exports: [LiveEvents],
})
export class LiveModule {}
