/** The media service's answer to whose media an id is: the catalog never takes a product's image ids on trust. */
export interface MediaOwnership {
  /** Which of `mediaIds` are product images of `tenantId` (pending or ready); review photos and others' never are. */
  productImagesOf(tenantId: string, mediaIds: readonly string[]): Promise<ReadonlySet<string>>;
}

export const MEDIA_OWNERSHIP = Symbol('MEDIA_OWNERSHIP');
