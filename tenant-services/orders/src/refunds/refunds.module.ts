import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { RefundRequestsResolver } from './refund-requests.resolver';
import { RefundRequestsService } from './refund-requests.service';
import { RefundsRestController } from './rest/refunds.controller';

@Module({
  imports: [OrdersModule],
  controllers: [RefundsRestController],
  providers: [RefundRequestsService, RefundRequestsResolver],
  exports: [RefundRequestsService],
})
export class RefundsModule {}
