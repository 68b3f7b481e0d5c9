import { parse } from 'graphql';
import { withComposableFederationVersion } from './federation-version';

const link = (version: string, imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/${version}", import: [${imports.map((name) => `"${name}"`).join(', ')}])`;

describe('withComposableFederationVersion', () => {
  it('rewrites a newer link to v2.9 when the schema uses nothing newer', () => {
    const sdl = `${link('v2.14', ['@key', '@cacheTag', '@shareable'])}
directive @cacheTag(format: String!) repeatable on OBJECT
type Product @key(fields: "id") { id: ID! }
type Query { product: Product }`;
    const result = withComposableFederationVersion(sdl);
    expect(result).toContain('https://specs.apollo.dev/federation/v2.9');
    expect(result).toContain('import: ["@key", "@shareable"]');
    expect(result).not.toContain('cacheTag');
    expect(() => parse(result)).not.toThrow();
    expect(result).toContain('type Product @key(fields: "id")');
  });

  it('leaves a schema that uses a newer directive, or an older link, unchanged', () => {
    const usesNewer = `${link('v2.14', ['@key', '@cacheTag'])}
directive @cacheTag(format: String!) repeatable on OBJECT
type Product @key(fields: "id") @cacheTag(format: "p") { id: ID! }
type Query { product: Product }`;
    expect(withComposableFederationVersion(usesNewer)).toBe(usesNewer);
    const older = `${link('v2.3', ['@key'])}\ntype Query { a: Int }`;
    expect(withComposableFederationVersion(older)).toBe(older);
  });
});
