import { ArgumentsHost, ForbiddenException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { runWithContext } from '@marketplace/tenancy';
import { ObservabilityExceptionFilter, PublicGraphQLError, createLogger } from './index';

/** The four resolver arguments (root, args, context, info) as Nest hands them to a filter for GraphQL. */
function graphqlHost(): ArgumentsHost {
  const args = [{}, {}, { req: { headers: {}, method: 'POST', url: '/graphql' } }, { fieldName: 'product', parentType: { name: 'Query' } }];
  return {
    getType: () => 'graphql',
    getArgs: () => args,
    getArgByIndex: (index: number) => args[index],
    switchToHttp: () => {
      throw new Error('not an HTTP context');
    },
    switchToRpc: () => {
      throw new Error('not an RPC context');
    },
    switchToWs: () => {
      throw new Error('not a WebSocket context');
    },
  } as unknown as ArgumentsHost;
}

describe('ObservabilityExceptionFilter for GraphQL', () => {
  const lines: Record<string, unknown>[] = [];
  const filter = new ObservabilityExceptionFilter(
    createLogger({ service: 'catalog', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } }),
    new HttpAdapterHost(),
  );
  const traceId = '0af7651916cd43dd8448eb211c80319c';

  it('returns client errors as GraphQL errors with a code, status and traceId', () => {
    const result = runWithContext({ traceId }, () => filter.catch(new ForbiddenException('not your product'), graphqlHost()));
    expect(result).toBeInstanceOf(PublicGraphQLError);
    expect(result).toMatchObject({ message: 'not your product', extensions: { code: 'FORBIDDEN', status: 403, traceId } });
  });

  it('returns unexpected errors as a generic internal error and logs the original with its stack', () => {
    const result = runWithContext({ traceId }, () => filter.catch(new RangeError('offset out of range in catalog.products'), graphqlHost()));
    expect(result).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', status: 500, traceId } });
    expect((result as Error).stack).not.toContain('catalog.products');
    expect(lines.at(-1)).toMatchObject({ msg: 'Unhandled error', traceId, err: { type: 'RangeError', stack: expect.stringContaining('offset out of range') } });
  });
});
