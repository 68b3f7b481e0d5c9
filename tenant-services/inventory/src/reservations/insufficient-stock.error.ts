export interface InsufficientLine {
  tenantId: string;
  sku: string;
  requested: number;
  available: number;
}

/** Some lines asked for more than is available; nothing was reserved. Answered as 409 Conflict. */
export class InsufficientStockError extends Error {
  override name = 'ConflictError';
  readonly code = 'INSUFFICIENT_STOCK';

  constructor(readonly lines: InsufficientLine[]) {
    super(
      `Insufficient stock: ${lines
        .map(
          (line) =>
            `${line.sku} of tenant ${line.tenantId} (requested ${line.requested}, available ${line.available})`,
        )
        .join('; ')}`,
    );
  }
}
