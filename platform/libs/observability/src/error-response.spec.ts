import { BadRequestException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { TenantContextMissingError } from '@marketplace/tenancy';
import { type AddressInfo, connect, createServer } from 'node:net';
import { errorResponseOf, graphqlCodeOf, UNAVAILABLE_MESSAGE } from './index';

describe('errorResponseOf', () => {
  it('keeps the status and body of Nest HTTP exceptions', () => {
    expect(errorResponseOf(new NotFoundException('product p-1 not found'))).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'product p-1 not found' },
      expected: true,
    });
    expect(errorResponseOf(new BadRequestException(['name must not be empty']))).toMatchObject({
      status: 400,
      body: { message: ['name must not be empty'] },
    });
  });

  it('answers zod validation failures with 400 naming each field', () => {
    const result = z
      .object({ name: z.string().min(1), price: z.number().int() })
      .safeParse({ name: '', price: 1.5 });
    expect(result.success).toBe(false);
    expect(errorResponseOf(result.error)).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: [expect.stringMatching(/^name: /), expect.stringMatching(/^price: /)],
      },
      expected: true,
      fieldErrors: [
        { field: 'name', detail: expect.any(String) },
        { field: 'price', detail: expect.any(String) },
      ],
    });
  });

  it('maps domain errors by name, including a missing tenant context', () => {
    class ConflictError extends Error {
      override name = 'ConflictError';
    }
    class CapacityExceededError extends Error {
      override name = 'CapacityExceededError';
    }
    expect(errorResponseOf(new TenantContextMissingError())).toMatchObject({ status: 403, expected: true });
    expect(errorResponseOf(new ConflictError('sku already exists'))).toMatchObject({
      status: 409,
      body: { message: 'sku already exists' },
    });
    expect(errorResponseOf(new CapacityExceededError('Too many checkouts at once'))).toEqual({
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable', message: 'Too many checkouts at once' },
      expected: true,
    });
  });

  it('hides unexpected errors behind a generic 500', () => {
    expect(
      errorResponseOf(new TypeError("Cannot read properties of undefined (reading 'password')")),
    ).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' },
      expected: false,
    });
    expect(errorResponseOf('a thrown string')).toMatchObject({ status: 500, expected: false });
  });

  it('answers a store or service being down with 503 and a retryable message, never its cause', async () => {
    const refused = await new Promise<Error>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => connect(port, '127.0.0.1').once('error', resolve));
      });
    });
    // As a query builder wraps the driver's error.
    const failedQuery = new Error('Failed query: select * from reservations', { cause: refused });
    expect(errorResponseOf(failedQuery)).toEqual({
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable', message: UNAVAILABLE_MESSAGE },
      expected: true,
    });
    expect(JSON.stringify(errorResponseOf(failedQuery).body)).not.toMatch(/ECONNREFUSED|reservations/);
  });

  it('names GraphQL error codes after the status', () => {
    expect([400, 401, 403, 404, 409, 422, 500, 503].map(graphqlCodeOf)).toEqual([
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'BAD_REQUEST',
      'INTERNAL_SERVER_ERROR',
      'SERVICE_UNAVAILABLE',
    ]);
  });
});
