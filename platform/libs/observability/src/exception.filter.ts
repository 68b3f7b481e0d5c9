import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { currentContext } from '@marketplace/tenancy';
import { errorResponseOf, graphqlCodeOf } from './error-response';
import { isRestApiPath, PROBLEM_CONTENT_TYPE, problemOfErrorResponse } from './problem-details';
import { requestOf } from './request-access';
import { LOGGER } from './tokens';
import { newTraceId, traceIdOfRequest } from './trace-context';

/** What a GraphQL server turns into an entry of `errors`: the message and `extensions`, nothing else. */
export class PublicGraphQLError extends Error {
  constructor(
    message: string,
    readonly extensions: { code: string; status: number; traceId: string },
  ) {
    super(message);
    this.name = 'PublicGraphQLError';
    // The stack would point into this filter and tell the caller nothing useful.
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * Answers every exception the same way on REST and GraphQL: anticipated client errors keep their status
 * and message; anything else is logged with its stack and answered as a bare 500 carrying the traceId so
 * support can find the log line.
 */
@Catch()
export class ObservabilityExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const request = requestOf(host);
    const traceId = currentContext()?.traceId ?? (request ? traceIdOfRequest(request) : newTraceId());
    const answer = errorResponseOf(exception);
    const { status, body, expected } = answer;

    if (!expected) {
      this.logger.error({ err: exception, traceId, method: request?.method, url: request?.url }, 'Unhandled error');
    } else if (status >= 500) {
      this.logger.warn({ err: exception, traceId, method: request?.method, url: request?.url }, 'Request failed');
    }

    if (host.getType<string>() === 'graphql') {
      const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
      return new PublicGraphQLError(message, { code: graphqlCodeOf(status), status, traceId });
    }
    if (host.getType() !== 'http') return undefined;

    const httpAdapter = this.adapterHost.httpAdapter;
    const response = host.switchToHttp().getResponse<unknown>();
    if (httpAdapter.isHeadersSent(response)) return undefined;
    // The integrators' REST API answers RFC 9457 problem details; other HTTP routes keep the plain error body.
    if (isRestApiPath(request?.url)) {
      httpAdapter.setHeader(response, 'content-type', PROBLEM_CONTENT_TYPE);
      httpAdapter.reply(
        response,
        problemOfErrorResponse(answer, { instance: request?.url, traceId }),
        status,
      );
      return undefined;
    }
    httpAdapter.reply(response, { ...body, traceId }, status);
    return undefined;
  }
}
