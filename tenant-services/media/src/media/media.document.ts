import type { MediaPurpose, MediaVariantName } from '@marketplace/contracts';
import type { DocumentOutboxFields } from '@marketplace/events';

export const MEDIA_STATUSES = ['pending', 'ready', 'rejected', 'deleted'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

export interface StoredVariant {
  name: MediaVariantName;
  key: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
}

/**
 * One uploaded file and what became of it. Product images live in `tenant_media` (with `tenantId`), review
 * photos in `buyer_media` (with `buyerId`); both share this shape.
 */
export interface MediaFields extends DocumentOutboxFields {
  _id: string;
  purpose: MediaPurpose;
  status: MediaStatus;
  /** Declared at createUpload and bound into the upload signature. */
  contentType: string;
  declaredSizeBytes: number;
  filename: string;
  originalKey: string;
  uploadedBy: string;
  uploadExpiresAt: Date;
  /** Known once completed. */
  sizeBytes?: number;
  width?: number;
  height?: number;
  variants: StoredVariant[];
  rejectionReason?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TenantMediaDocument extends MediaFields {
  tenantId: string;
}

export interface BuyerMediaDocument extends MediaFields {
  buyerId: string;
}

export type MediaDocument = TenantMediaDocument | BuyerMediaDocument;

export function buyerIdOf(doc: MediaDocument): string | null {
  return 'buyerId' in doc ? doc.buyerId : null;
}
