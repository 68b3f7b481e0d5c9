import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { InternalOnly } from '@marketplace/auth';
import {
  MEDIA_PRODUCT_IMAGE_OWNERSHIP_PATH,
  productImageOwnershipRequestSchema,
  type ProductImageOwnershipAnswer,
} from '@marketplace/contracts';
import { MediaService } from './media.service';

/** Service-to-service questions about media, answered only to the platform services client. */
@InternalOnly()
@Controller()
export class InternalMediaController {
  constructor(@Inject(MediaService) private readonly media: MediaService) {}

  @Post(MEDIA_PRODUCT_IMAGE_OWNERSHIP_PATH)
  @HttpCode(200)
  async productImageOwnership(@Body() body: unknown): Promise<ProductImageOwnershipAnswer> {
    const { tenantId, mediaIds } = productImageOwnershipRequestSchema.parse(body);
    return { owned: await this.media.productImagesOf(tenantId, mediaIds) };
  }
}
