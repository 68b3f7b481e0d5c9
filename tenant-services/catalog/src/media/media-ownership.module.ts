import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { CatalogConfig } from '../config';
import { HttpMediaOwnership } from './http-media-ownership';
import { MEDIA_OWNERSHIP } from './media-ownership';

/** Who owns a media id, asked of the media service (products and imports check their images with it). */
@Global()
@Module({})
export class MediaOwnershipModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: MediaOwnershipModule,
      providers: [{ provide: MEDIA_OWNERSHIP, useValue: new HttpMediaOwnership(config) }],
      exports: [MEDIA_OWNERSHIP],
    };
  }
}
