import { int, notOneOf, productionGuard } from '@marketplace/config';
import { mySqlServiceSettings, tenantStatusSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

export const configSchema = z.object({
  ...mySqlServiceSettings({ service: 'inventory', port: 4106 }),
  ...tenantStatusSettings,
  ...offboardingSettings('inventory'),
  /** Reservation lifetime when the caller names none. */
  RESERVATION_DEFAULT_TTL_SECONDS: int({ min: 1, max: 86_400 }).default(900),
  /** How often expired reservations are released; 0 disables the sweeper (tests drive it themselves). */
  RESERVATION_SWEEP_INTERVAL_MS: productionGuard(
    int({ min: 0, max: 3_600_000 }).default(5000),
    notOneOf([0], 'a disabled reservation sweeper'),
  ),
});

export type InventoryConfig = z.output<typeof configSchema>;
