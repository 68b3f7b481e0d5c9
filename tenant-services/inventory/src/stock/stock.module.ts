import { Module } from '@nestjs/common';
import { StockResolver } from './stock.resolver';
import { StockService } from './stock.service';
import { StockRestController } from './rest/stock.controller';

@Module({ controllers: [StockRestController], providers: [StockService, StockResolver] })
export class StockModule {}
