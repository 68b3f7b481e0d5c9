import type { MediaVariantName } from '@marketplace/contracts';

export type MediaOwnerRef = { kind: 'tenant'; tenantId: string } | { kind: 'buyer'; buyerId: string };

/**
 * Where a media's objects live: `<prefix>/tenants/<tenantId>/<mediaId>/…` for product images and
 * `<prefix>/buyers/<buyerId>/<mediaId>/…` for review photos. The owner in the path keeps a tenant's objects
 * under one prefix (lifecycle rules, exports, deletion on offboarding).
 */
export class ObjectKeys {
  constructor(private readonly prefix: string) {}

  mediaPrefix(owner: MediaOwnerRef, mediaId: string): string {
    const ownerPath = owner.kind === 'tenant' ? `tenants/${owner.tenantId}` : `buyers/${owner.buyerId}`;
    return `${this.prefix.replace(/\/+$/, '')}/${ownerPath}/${mediaId}`;
  }

  original(owner: MediaOwnerRef, mediaId: string): string {
    return `${this.mediaPrefix(owner, mediaId)}/original`;
  }

  variant(owner: MediaOwnerRef, mediaId: string, name: MediaVariantName): string {
    return `${this.mediaPrefix(owner, mediaId)}/${name}.webp`;
  }
}
