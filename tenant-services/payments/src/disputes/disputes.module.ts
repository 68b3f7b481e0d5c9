import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { DisputeService } from './dispute.service';
import { DisputesResolver } from './disputes.resolver';

@Module({
  imports: [PaymentsModule],
  providers: [DisputeService, DisputesResolver],
  exports: [DisputeService],
})
export class DisputesModule {}
