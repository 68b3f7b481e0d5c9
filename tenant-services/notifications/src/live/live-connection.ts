import type { ServerResponse } from 'node:http';
import { compareIds, encodePositions, type Positions } from './live-cursor';
import type { LiveListener } from './live-hub';
import type { StoredLiveEvent } from './live-events';

/** A browser too slow to take its events is dropped; it reconnects and resumes from its last event id. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * One open event stream. Announcements arriving while the replay is read are held back, then sent unless the
 * replay already carried them, so a reconnect neither loses nor repeats an event. Every event's id is the
 * position reached in each channel.
 */
export class LiveConnection implements LiveListener {
  private held: [string, StoredLiveEvent][] | undefined = [];

  constructor(
    private readonly response: ServerResponse,
    readonly positions: Positions,
  ) {}

  deliver(channel: string, event: StoredLiveEvent): void {
    if (this.held) this.held.push([channel, event]);
    else this.send(channel, event);
  }

  /** After the replay: sends what was held back and from then on everything as it comes. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const [channel, event] of held) this.send(channel, event);
  }

  send(channel: string, event: StoredLiveEvent): void {
    const position = this.positions.get(channel);
    if (position !== undefined && compareIds(event.id, position) <= 0) return;
    this.positions.set(channel, event.id);
    this.write(
      `id: ${encodePositions(this.positions)}\ndata: ${JSON.stringify({ channel, type: event.type, data: event.data })}\n\n`,
    );
  }

  /** A named event without data of a channel (`ready`, `reset`), carrying the current position. */
  signal(name: string, data: Record<string, unknown> = {}): void {
    this.write(`id: ${encodePositions(this.positions)}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  heartbeat(): void {
    this.write(': heartbeat\n\n');
  }

  private write(chunk: string): void {
    if (this.response.destroyed) return;
    if (this.response.writableLength > MAX_BUFFERED_BYTES) {
      this.response.destroy();
      return;
    }
    this.response.write(chunk);
  }
}
