import { Module } from '@nestjs/common';
import { PayoutResolver } from './payout.resolver';
import { PayoutService } from './payout.service';

@Module({ providers: [PayoutService, PayoutResolver], exports: [PayoutService] })
export class PayoutsModule {}
