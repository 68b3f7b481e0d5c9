import { StockChanged } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import type { StockLevelsService } from './stock-levels.service';

/**
 * Feeds inventory's `stock.changed` reports to the stock levels. The group is shared by the catalog's
 * replicas (each report is applied once, to the shared database) and a new group starts at the latest
 * offset: products keep their flag until their SKU's next change instead of the catalog replaying the
 * topic's history through its writes. Reports of one SKU share a partition (key `<tenantId>:<sku>`), so they
 * arrive in order; processed events are recorded, so a redelivery is not applied again.
 */
export function stockEventsConsumer(
  options: Omit<EventConsumerOptions<undefined>, 'startFrom'>,
  stockLevels: StockLevelsService,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>({ ...options, startFrom: 'latest' }).handle(
    StockChanged,
    ({ payload }) => stockLevels.report(payload),
  );
}
