import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';

/** The one pending GraphQL request of the named operation (pages send several kinds at once). */
export function expectOperation(http: HttpTestingController, operation: string): TestRequest {
  const named = new RegExp(`^\\s*(query|mutation) ${operation}\\b`);
  return http.expectOne(
    (request) =>
      request.url === '/graphql' && named.test(String((request.body as { query?: unknown }).query)),
    `GraphQL operation ${operation}`,
  );
}
