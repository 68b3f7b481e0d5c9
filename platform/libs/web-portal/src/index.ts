export { Api, ApiError, messageOf } from './api';
export { PORTAL_CONFIG, readPortalConfig, type PortalConfig } from './runtime-config';
export { portalSessionProviders, startPortal, type SignedInHandler } from './bootstrap';
export { listSelection, pageOf, type Page, type RawList } from './lists';
export { aliasOf, fieldError, formatMoney, priceValidator, toMinor } from './forms';
export { PortalShell, type NavLink } from './portal-shell';
export { PagedList } from './paged-list';
export { liveEvents, type LiveEventsOptions, type LiveMessage, type LiveSignal } from './live-events';
export { NotificationBell } from './notification-bell';
