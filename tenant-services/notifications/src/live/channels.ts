import type { Principal } from '@marketplace/auth';
import { ForbiddenError } from '@marketplace/auth';
import { ValidationError } from '@marketplace/observability';
import { ADMINS_AUDIENCE, tenantAudience, userAudience } from '../feed/audience';

/**
 * Live channels a browser can listen to:
 * - `user:<userId>`: that buyer's orders (status, tracking, refunds) and their own feed entries;
 * - `tenant:<tenantId>`: a seller's new orders, low stock, new reviews;
 * - `admins`: new seller applications;
 * - `stock:<tenantId>:<sku>`: available units of one of a seller's SKUs (public: product pages).
 */
export const stockChannel = (tenantId: string, sku: string) => `stock:${tenantId}:${sku}`;

export const MAX_CHANNELS = 20;
const CHANNEL =
  /^(user:[A-Za-z0-9-]{1,64}|tenant:[A-Za-z0-9-]{1,36}|admins|stock:[A-Za-z0-9-]{1,36}:[^\s,]{1,64})$/;

export function isPublicChannel(channel: string): boolean {
  return channel.startsWith('stock:');
}

/** The requested channels, each checked against the caller: a user only hears their own, their seller's and (admins) the platform's. */
export function authorizeChannels(requested: string | undefined, principal: Principal | undefined): string[] {
  const channels = [...new Set((requested ?? '').split(',').filter((name) => name !== ''))];
  if (channels.length === 0) throw new ValidationError('channels: name at least one channel');
  if (channels.length > MAX_CHANNELS) throw new ValidationError(`channels: at most ${MAX_CHANNELS}`);
  for (const channel of channels) {
    if (!CHANNEL.test(channel))
      throw new ValidationError(`channels: "${channel.slice(0, 80)}" is not a channel`);
    if (isPublicChannel(channel)) continue;
    if (!principal) throw new ForbiddenError(`Channel ${channel} needs a stream ticket`);
    const own =
      channel === userAudience(principal.userId) ||
      (principal.tenantId !== undefined && channel === tenantAudience(principal.tenantId)) ||
      (channel === ADMINS_AUDIENCE && principal.roles.includes('platform-admin'));
    if (!own) throw new ForbiddenError(`Not allowed to listen to ${channel}`);
  }
  return channels;
}
