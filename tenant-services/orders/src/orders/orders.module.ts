import { Module } from '@nestjs/common';
import { CommissionRates } from '../commissions/commission-rates.repository';
import { CommissionRulesResolver } from '../commissions/commission-rules.resolver';
import { SellerDashboardRepository } from '../dashboard/seller-dashboard.repository';
import { SellerDashboardResolver } from '../dashboard/seller-dashboard.resolver';
import { AdminOrdersResolver } from './admin-orders.resolver';
import { BuyerOrdersResolver } from './buyer-orders.resolver';
import { FulfilmentService } from './fulfilment.service';
import { OrderRepository } from './order.repository';
import { OrderViews } from './order-views';
import { SellerOrdersResolver } from './seller-orders.resolver';
import { SellerOrdersRestController } from './rest/seller-orders.controller';

@Module({
  controllers: [SellerOrdersRestController],
  providers: [
    OrderRepository,
    OrderViews,
    FulfilmentService,
    CommissionRates,
    BuyerOrdersResolver,
    SellerOrdersResolver,
    AdminOrdersResolver,
    CommissionRulesResolver,
    SellerDashboardRepository,
    SellerDashboardResolver,
  ],
  exports: [OrderRepository, OrderViews, CommissionRates],
})
export class OrdersModule {}
