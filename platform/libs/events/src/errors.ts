/**
 * Thrown by a handler when retrying cannot help (e.g. the event refers to something that can never
 * exist); the message goes straight to the dead-letter topic.
 */
export class NonRetryableEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableEventError';
  }
}
