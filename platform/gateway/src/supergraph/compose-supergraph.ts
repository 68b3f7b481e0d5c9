import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { withComposableFederationVersion } from './federation-version';

export interface SubgraphSchema {
  name: string;
  /** The subgraph's GraphQL endpoint, written into the supergraph's `@join__graph(url:)`. */
  url: string;
  /** Federation v2 SDL, as the subgraph answers `{ _service { sdl } }`. */
  sdl: string;
}

export type CompositionOutcome = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes subgraph SDLs into an Apollo Federation v2 supergraph; never throws for bad input, it reports why. */
export function composeSupergraph(subgraphs: readonly SubgraphSchema[]): CompositionOutcome {
  if (subgraphs.length === 0) return { ok: false, errors: ['No subgraph schema to compose'] };
  const services = [];
  for (const subgraph of subgraphs) {
    try {
      services.push({
        name: subgraph.name,
        url: subgraph.url,
        typeDefs: parse(withComposableFederationVersion(subgraph.sdl)),
      });
    } catch (error) {
      return { ok: false, errors: [`[${subgraph.name}] ${(error as Error).message}`] };
    }
  }
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}
