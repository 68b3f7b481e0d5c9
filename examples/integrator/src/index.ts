export { syncStockFromCsv } from './sync-stock';
export type { StockSyncResult } from './sync-stock';
export { listTodaysOrders } from './todays-orders';
export type { SellerOrder } from './todays-orders';
export { webhookHandler } from './webhook-receiver';
