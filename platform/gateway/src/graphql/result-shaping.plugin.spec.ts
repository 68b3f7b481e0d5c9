import { GraphQLError } from 'graphql';
import { httpStatusOf, withoutUpstreamDetails } from './result-shaping.plugin';

describe('httpStatusOf', () => {
  it('gives 401 when nothing resolved and every error is UNAUTHENTICATED', () => {
    const unauthenticated = { extensions: { code: 'UNAUTHENTICATED' } };
    expect(httpStatusOf({ data: null, errors: [unauthenticated] })).toBe(401);
    expect(httpStatusOf({ data: null, errors: [unauthenticated, unauthenticated] })).toBe(401);
    expect(httpStatusOf({ data: null, errors: [{ extensions: { code: 'FORBIDDEN' } }] })).toBe(403);
  });

  it('gives 503 when nothing resolved because a store or service was down (SERVICE_UNAVAILABLE)', () => {
    const unavailable = { path: ['checkout'], extensions: { code: 'SERVICE_UNAVAILABLE' } };
    expect(httpStatusOf({ data: null, errors: [unavailable] })).toBe(503);
    expect(
      httpStatusOf({
        data: null,
        errors: [unavailable, { path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      }),
    ).toBeUndefined();
  });

  it('leaves partial results and mixed errors alone', () => {
    expect(
      httpStatusOf({ data: { products: [] }, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] }),
    ).toBeUndefined();
    expect(
      httpStatusOf({
        data: null,
        errors: [
          { extensions: { code: 'UNAUTHENTICATED' } },
          { extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
      }),
    ).toBeUndefined();
    expect(httpStatusOf({ data: { products: [] } })).toBeUndefined();
  });

  it('gives 400 to a request refused before execution (no data entry)', () => {
    expect(httpStatusOf({ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })).toBe(400);
  });

  it('takes field errors without a data entry (as the query planner runtime answers) for a failed execution', () => {
    expect(httpStatusOf({ errors: [{ path: ['caller'], extensions: { code: 'UNAUTHENTICATED' } }] })).toBe(
      401,
    );
    expect(
      httpStatusOf({ errors: [{ path: ['caller'], extensions: { code: 'INTERNAL' } }] }),
    ).toBeUndefined();
  });
});

describe('withoutUpstreamDetails', () => {
  it('drops the subgraph request and response but keeps the code, service and path', () => {
    const upstream = new GraphQLError('The operation was aborted due to timeout', {
      path: ['products'],
      extensions: {
        code: 'GATEWAY_TIMEOUT',
        serviceName: 'catalog',
        request: { url: 'http://10.0.0.5:4102/graphql', body: '{}' },
        response: { status: 504 },
      },
    });
    const cleaned = withoutUpstreamDetails(upstream);
    expect(cleaned).toBeInstanceOf(GraphQLError);
    expect(cleaned.extensions).toEqual({ code: 'GATEWAY_TIMEOUT', serviceName: 'catalog' });
    expect(cleaned.path).toEqual(['products']);
    expect(cleaned.message).toBe(upstream.message);
  });

  it('returns other errors unchanged', () => {
    const plain = new GraphQLError('Not found', { extensions: { code: 'NOT_FOUND' } });
    expect(withoutUpstreamDetails(plain)).toBe(plain);
  });
});
