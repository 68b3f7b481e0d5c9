// Catalog data the storefront browser tests publish as a seller (through the GraphQL API, as the seller portal
// does) and archive again at the end.
import { graphql } from '@marketplace/browser-testing';

/** A published two-size product (S €25.00, M €27.50) with 20 of each in stock; answers its id. */
export async function publishTestProduct(upstream, token, name, sku, images = []) {
  const { createProduct } = await graphql(
    upstream,
    `
      mutation Create($input: CreateProductInput!) {
        createProduct(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        title: name,
        images,
        description: `A ${name} made for the storefront browser test.`,
        currency: 'EUR',
        options: [{ name: 'Size', values: ['S', 'M'] }],
        variants: [
          { sku: `${sku}-S`, optionValues: [{ name: 'Size', value: 'S' }], priceMinor: 2500 },
          { sku: `${sku}-M`, optionValues: [{ name: 'Size', value: 'M' }], priceMinor: 2750 },
        ],
      },
    },
    token,
  );
  await graphql(
    upstream,
    `
      mutation Publish($id: ID!) {
        publishProduct(id: $id) {
          id
        }
      }
    `,
    { id: createProduct.id },
    token,
  );
  for (const variantSku of [`${sku}-S`, `${sku}-M`])
    await graphql(
      upstream,
      `
        mutation Stock($input: SetStockInput!) {
          setStock(input: $input) {
            sku
          }
        }
      `,
      { input: { sku: variantSku, onHand: 20, reason: 'storefront e2e' } },
      token,
    );
  return createProduct.id;
}

export async function archiveProduct(upstream, token, id) {
  await graphql(
    upstream,
    `
      mutation Archive($id: ID!) {
        archiveProduct(id: $id) {
          id
        }
      }
    `,
    { id },
    token,
  );
}
