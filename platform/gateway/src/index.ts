export { createGateway, type Gateway, type GatewayDependencies } from './app';
export { gatewayConfigSchema, loadGatewayConfig, type GatewayConfig } from './config';
export {
  composeSupergraph,
  type CompositionOutcome,
  type SubgraphSchema,
} from './supergraph/compose-supergraph';
export { SupergraphSource, type SupergraphStatus } from './supergraph/supergraph-source';
export { mergeOpenApiDocuments, gatewayPathOf, type OpenApiDocument } from './rest/openapi-merge';
export { parseSubgraphEntry, type SubgraphEndpoint } from './subgraphs';
