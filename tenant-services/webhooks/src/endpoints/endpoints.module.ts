import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EndpointsResolver } from './endpoints.resolver';
import { EndpointsService } from './endpoints.service';
import { EndpointsRestController } from './rest/endpoints.controller';

@Module({
  imports: [DeliveryModule],
  controllers: [EndpointsRestController],
  providers: [EndpointsService, EndpointsResolver],
  exports: [EndpointsService],
})
export class EndpointsModule {}
