import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EndpointsResolver } from './endpoints.resolver';
import { EndpointsService } from './endpoints.service';

@Module({
  imports: [DeliveryModule],
  providers: [EndpointsService, EndpointsResolver],
  exports: [EndpointsService],
})
export class EndpointsModule {}
