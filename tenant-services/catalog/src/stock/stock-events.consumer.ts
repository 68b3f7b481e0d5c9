import { StockChanged } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions, repeatableHandlers } from '@marketplace/events';
import type { StockLevelsService } from './stock-levels.service';

/**
 * Feeds inventory's `stock.changed` reports to the stock levels. The group is shared by the catalog's
 * replicas (each report is applied once, to the shared database) and a new group starts at the latest
 * offset: products keep their flag until their SKU's next change instead of the catalog replaying the
 * topic's history through its writes. Reports of one SKU share a partition (key `<tenantId>:<sku>`), so they
 * arrive in order, and each carries absolute units: a redelivery replays a SKU's reports in order and ends at the
 * same level, so no processed-events record is kept (on FerretDB each record cost a scan of a collection that
 * grows with every report, and an insert, per report).
 */
export function stockEventsConsumer(
  options: Omit<EventConsumerOptions<undefined>, 'startFrom' | 'processedEvents' | 'db'>,
  stockLevels: StockLevelsService,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>({
    ...options,
    processedEvents: repeatableHandlers,
    startFrom: 'latest',
  }).handle(StockChanged, ({ payload }) => stockLevels.report(payload));
}
