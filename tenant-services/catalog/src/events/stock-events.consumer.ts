import { StockChanged } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import { runWithContext } from '@marketplace/tenancy';
import type { ProductsService } from '../products/products.service';

/**
 * Keeps each product's stock flag in step with inventory: `stock.changed` carries the available units of one
 * SKU (the last report wins; the topic is keyed by tenant and SKU, so reports of one SKU arrive in order).
 * Applying a report twice sets the same figures, so a redelivery after a crash is harmless.
 */
export function stockEventsConsumer(
  options: EventConsumerOptions<undefined>,
  products: ProductsService,
): EventConsumer<undefined> {
  return new EventConsumer<undefined>(options).handle(StockChanged, async ({ payload }) => {
    await runWithContext({ tenantId: payload.tenantId }, () =>
      products.applyStockLevel(payload.sku, payload.available),
    );
  });
}
