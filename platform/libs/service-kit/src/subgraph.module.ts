import { DynamicModule, Module } from '@nestjs/common';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOGGER, type Logger } from '@marketplace/observability';
import { graphqlErrorMasking } from './graphql/error-masking';

export interface SubgraphOptions {
  /** Print the schema to this file as well (for contract tests and the gateway's composition). */
  schemaFile?: string;
}

/**
 * A code-first Apollo Federation v2 subgraph served at `/graphql`. The gateway composes the subgraphs; each
 * subgraph still verifies the forwarded token itself (the auth guard reads it from `context.request`).
 */
@Module({})
export class SubgraphModule {
  static forRoot(options: SubgraphOptions = {}): DynamicModule {
    return {
      module: SubgraphModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          inject: [LOGGER],
          useFactory: (logger: Logger) => {
            const masking = graphqlErrorMasking(logger);
            return {
              autoSchemaFile: options.schemaFile
                ? { path: options.schemaFile, federation: 2 }
                : { federation: 2 },
              sortSchema: true,
              path: '/graphql',
              playground: false,
              introspection: true,
              includeStacktraceInErrorResponses: false,
              formatError: masking.formatError,
              // Apollo's inline tracing feeds GraphOS; this platform traces with OpenTelemetry instead. Cache hints
              // are not used (the gateway does not cache responses) and cost a hook on every resolved field.
              plugins: [
                ApolloServerPluginInlineTraceDisabled(),
                ApolloServerPluginCacheControlDisabled(),
                masking.plugin,
              ],
              context: (request: FastifyRequest, reply: FastifyReply) => ({ request, reply }),
            };
          },
        }),
      ],
    };
  }
}
