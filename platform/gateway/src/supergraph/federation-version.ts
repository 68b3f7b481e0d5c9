import {
  Kind,
  parse,
  print,
  visit,
  type ConstArgumentNode,
  type DirectiveNode,
  type DocumentNode,
} from 'graphql';

/** Newest federation spec version the composer (`@theguild/federation-composition`) knows. */
export const COMPOSABLE_FEDERATION_VERSION = 'v2.9';

const COMPOSABLE_DIRECTIVES = new Set([
  '@authenticated',
  '@composeDirective',
  '@context',
  '@cost',
  '@extends',
  '@external',
  '@fromContext',
  '@inaccessible',
  '@interfaceObject',
  '@key',
  '@listSize',
  '@override',
  '@policy',
  '@provides',
  '@requires',
  '@requiresScopes',
  '@shareable',
  '@tag',
]);

const FEDERATION_URL = /^https:\/\/specs\.apollo\.dev\/federation\/v2\.(\d+)$/;

interface FederationLink {
  minor: number;
  imports: string[];
}

function federationLinkOf(directive: DirectiveNode): FederationLink | undefined {
  if (directive.name.value !== 'link') return undefined;
  const url = directive.arguments?.find((arg) => arg.name.value === 'url')?.value;
  const match = url?.kind === Kind.STRING ? FEDERATION_URL.exec(url.value) : null;
  if (!match) return undefined;
  const importArg = directive.arguments?.find((arg) => arg.name.value === 'import')?.value;
  if (importArg !== undefined && importArg.kind !== Kind.LIST) return undefined;
  const imports: string[] = [];
  for (const value of importArg?.values ?? []) {
    // Renamed imports ({ name, as }) are left to the composer as they are.
    if (value.kind !== Kind.STRING) return undefined;
    imports.push(value.value);
  }
  return { minor: Number(match[1]), imports };
}

function usedDirectives(document: DocumentNode): Set<string> {
  const used = new Set<string>();
  visit(document, {
    Directive(node) {
      used.add(`@${node.name.value}`);
    },
  });
  return used;
}

/**
 * Subgraph libraries link the newest federation spec and import every directive it has (NestJS prints
 * v2.14 with `@cacheTag`), while the composer knows specs up to v2.9. When a subgraph uses nothing newer,
 * its link is rewritten to v2.9 with the imports that version has; the schema itself is unchanged. A
 * subgraph that really uses a newer directive is left as it is, and composition reports it.
 */
export function withComposableFederationVersion(sdl: string): string {
  const document = parse(sdl);
  let link: FederationLink | undefined;
  visit(document, {
    Directive(node) {
      link ??= federationLinkOf(node);
    },
  });
  if (link === undefined || link.minor <= 9) return sdl;
  const dropped = link.imports.filter((name) => !COMPOSABLE_DIRECTIVES.has(name));
  const used = usedDirectives(document);
  if (dropped.some((name) => used.has(name))) return sdl;
  const kept = link.imports.filter((name) => COMPOSABLE_DIRECTIVES.has(name));
  const droppedNames = new Set(dropped.map((name) => name.slice(1)));

  const rewritten = visit(document, {
    Directive(node) {
      if (federationLinkOf(node) === undefined) return undefined;
      const args: ConstArgumentNode[] = [
        {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'url' },
          value: {
            kind: Kind.STRING,
            value: `https://specs.apollo.dev/federation/${COMPOSABLE_FEDERATION_VERSION}`,
          },
        },
        {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'import' },
          value: { kind: Kind.LIST, values: kept.map((name) => ({ kind: Kind.STRING, value: name })) },
        },
      ];
      return { ...node, arguments: args };
    },
    DirectiveDefinition(node) {
      return droppedNames.has(node.name.value) ? null : undefined;
    },
  });
  return print(rewritten);
}
