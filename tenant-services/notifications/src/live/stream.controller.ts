import { Controller, Get, Headers, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, type Principal } from '@marketplace/auth';
import { InjectLogger, type Logger, ValidationError } from '@marketplace/observability';
import type { NotificationsConfig } from '../config';
import { FeedService } from '../feed/feed.service';
import { NOTIFICATIONS_CONFIG } from '../infrastructure.module';
import { authorizeChannels } from './channels';
import { LiveConnection } from './live-connection';
import { decodePositions, type Positions } from './live-cursor';
import { LiveEvents } from './live-events';
import { LiveHub } from './live-hub';
import { StreamTickets } from './stream-tickets';

/**
 * Live events as Server-Sent Events (ADR 0026), routed by the gateway as `/api/v1/notifications/stream`.
 * Errors before the stream opens: 400 bad channels or event id, 401 bad ticket, 403 a channel not the caller's.
 */
@Controller('api/v1')
export class StreamController {
  constructor(
    private readonly tickets: StreamTickets,
    private readonly events: LiveEvents,
    private readonly hub: LiveHub,
    private readonly feed: FeedService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** A single-use ticket, valid for LIVE_TICKET_TTL_SECONDS, that opens one stream as the caller. */
  @Post('stream-tickets')
  @HttpCode(201)
  async ticket(@CurrentPrincipal() principal: Principal) {
    await this.feed.remember(principal);
    return this.tickets.issue(principal);
  }

  /**
   * `?channels=a,b` (public stock channels need no ticket), `&ticket=` for the caller's own channels, and the
   * position to resume from as the `Last-Event-ID` header (EventSource's own reconnect) or `&lastEventId=`.
   */
  @Public()
  @Get('stream')
  async stream(
    @Res() reply: FastifyReply,
    @Query('channels') channelsParam?: string,
    @Query('ticket') ticket?: string,
    @Query('lastEventId') lastEventIdParam?: string,
    @Headers('last-event-id') lastEventIdHeader?: string,
  ): Promise<void> {
    if (typeof channelsParam !== 'string' || (ticket !== undefined && typeof ticket !== 'string')) {
      throw new ValidationError('channels and ticket must be given once');
    }
    const lastEventId = lastEventIdHeader || lastEventIdParam;
    const resumed: Positions = lastEventId ? decodePositions(lastEventId) : new Map();
    const principal = ticket ? await this.tickets.redeem(ticket) : undefined;
    const channels = authorizeChannels(channelsParam, principal);

    const positions: Positions = new Map();
    const connection = new LiveConnection(reply.raw, positions);
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies (nginx ingress) must pass each event on as it comes.
      'x-accel-buffering': 'no',
    });
    reply.raw.write('retry: 1000\n\n');
    const heartbeat = setInterval(() => connection.heartbeat(), this.config.LIVE_HEARTBEAT_SECONDS * 1000);
    heartbeat.unref();
    reply.raw.on('close', () => {
      clearInterval(heartbeat);
      this.hub.remove(connection, channels);
    });

    try {
      await this.hub.add(connection, channels);
      let gap = false;
      for (const channel of channels) {
        const from = resumed.get(channel);
        if (from === undefined) {
          positions.set(channel, await this.events.latestId(channel));
          continue;
        }
        positions.set(channel, from);
        const replay = await this.events.since(channel, from);
        gap ||= replay.gap;
        for (const event of replay.events) connection.send(channel, event);
      }
      if (gap) connection.signal('reset', { reason: 'events older than the replay window were missed' });
      connection.release();
      connection.signal('ready', { channels });
    } catch (error) {
      this.logger.warn({ err: error, channels }, 'opening the live stream failed');
      reply.raw.destroy();
    }
  }
}
