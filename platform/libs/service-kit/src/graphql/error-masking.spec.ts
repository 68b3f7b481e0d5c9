import { NotFoundException } from '@nestjs/common';
import type { GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { createLogger } from '@marketplace/observability';
import { graphqlErrorMasking } from './error-masking';

describe('GraphQL error masking', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'catalog',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  const request = {
    method: 'POST',
    url: '/graphql',
    headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    principal: { tenantId: 'tenant-a', userId: 'user-1' },
  };

  async function encounter(masking: ReturnType<typeof graphqlErrorMasking>, errors: GraphQLError[]): Promise<void> {
    const listener = (await masking.plugin.requestDidStart?.({} as never)) as GraphQLRequestListener<never>;
    await listener.didEncounterErrors?.({
      contextValue: { request },
      errors,
      operationName: 'ProductPage',
    } as unknown as Parameters<NonNullable<GraphQLRequestListener<never>['didEncounterErrors']>>[0]);
  }

  function resolverError(original: Error, path: string[]): GraphQLError {
    return new GraphQLError(original.message, { originalError: original, path });
  }

  it('logs an unexpected resolver fault with the request context and answers a bare internal error', async () => {
    const fault = resolverError(new RangeError('offset out of range in catalog.products'), ['product', 'seller']);
    const masking = graphqlErrorMasking(logger);
    await encounter(masking, [fault]);
    expect(lines.at(-1)).toMatchObject({
      msg: 'Unhandled error in a resolver',
      traceId,
      operationName: 'ProductPage',
      path: 'product.seller',
      tenantId: 'tenant-a',
      userId: 'user-1',
      err: { type: 'RangeError', stack: expect.stringContaining('offset out of range') },
    });
    expect(masking.formatError({ message: fault.message, path: ['product', 'seller'] }, fault)).toEqual({
      message: 'Internal server error',
      path: ['product', 'seller'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', status: 500, traceId },
    });
  });

  it('keeps anticipated domain errors and does not log them as faults', async () => {
    const logged = lines.length;
    const notFound = resolverError(new NotFoundException('No such product'), ['product']);
    const masking = graphqlErrorMasking(logger);
    await encounter(masking, [notFound]);
    expect(lines).toHaveLength(logged);
    expect(masking.formatError({ message: notFound.message }, notFound)).toEqual({
      message: 'No such product',
      extensions: { code: 'NOT_FOUND', status: 404, traceId },
    });
  });

  it('passes errors GraphQL raised itself without a stack trace', () => {
    const { formatError } = graphqlErrorMasking(logger);
    const invalid = new GraphQLError('Cannot query field "secret" on type "Product".');
    expect(
      formatError({ message: invalid.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] } }, invalid),
    ).toEqual({ message: invalid.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});
