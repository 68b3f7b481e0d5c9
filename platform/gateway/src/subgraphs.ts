/** A service behind the gateway: its GraphQL subgraph, REST API and health probes share one base URL. */
export interface SubgraphEndpoint {
  name: string;
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4102`. */
  url: string;
}

const SUBGRAPH_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Parses `name=url`; returns the subgraph, or why the entry is not one. */
export function parseSubgraphEntry(entry: string): SubgraphEndpoint | string {
  const separator = entry.indexOf('=');
  if (separator < 0) return 'missing "="';
  const name = entry.slice(0, separator).trim();
  const raw = entry.slice(separator + 1).trim();
  if (!SUBGRAPH_NAME.test(name)) return 'the name must be lower-case letters, digits and dashes';
  if (!URL.canParse(raw)) return 'the url is not an absolute URL';
  const parsed = new URL(raw);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'the url must be http or https';
  // Accept the GraphQL endpoint too: the other endpoints hang off the same base.
  const base = `${parsed.origin}${parsed.pathname.replace(/\/graphql\/?$/, '').replace(/\/+$/, '')}`;
  return { name, url: base };
}

export const subgraphGraphqlUrl = (subgraph: SubgraphEndpoint) => `${subgraph.url}/graphql`;
export const subgraphOpenApiUrl = (subgraph: SubgraphEndpoint) => `${subgraph.url}/openapi.json`;
export const subgraphLiveUrl = (subgraph: SubgraphEndpoint) => `${subgraph.url}/health/live`;
