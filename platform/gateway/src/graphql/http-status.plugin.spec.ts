import { httpStatusOf } from './http-status.plugin';

describe('httpStatusOf', () => {
  it('gives 401 when nothing resolved and every error is UNAUTHENTICATED', () => {
    const unauthenticated = { extensions: { code: 'UNAUTHENTICATED' } };
    expect(httpStatusOf({ data: null, errors: [unauthenticated] })).toBe(401);
    expect(httpStatusOf({ data: null, errors: [unauthenticated, unauthenticated] })).toBe(401);
    expect(httpStatusOf({ data: null, errors: [{ extensions: { code: 'FORBIDDEN' } }] })).toBe(403);
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
});
