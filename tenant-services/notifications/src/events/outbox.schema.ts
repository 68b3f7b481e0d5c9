// The outbox and processed-event tables of @marketplace/events, so drizzle-kit migrates them with ours.
export { outbox, processedEvents } from '@marketplace/events';
