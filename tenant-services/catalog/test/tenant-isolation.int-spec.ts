import { describeTenantIsolation } from '@marketplace/testing';
import { CatalogHarness, CREATE_PRODUCT, type CreatedProduct, productInput } from './support';

const OWN_PRODUCT =
  'query($id: ID!) { myProduct(id: $id) { id title status updatedAt variants { sku priceMinor } } }';

describeTenantIsolation<{ product: CreatedProduct }>({
  service: 'catalog',
  async start() {
    const harness = await new CatalogHarness().start();
    return {
      gql: (query, variables, token) => harness.gql(query, variables, token),
      close: () => harness.stop(),
    };
  },
  async seed(gql, owner) {
    const created = await gql<{ createProduct: CreatedProduct }>(
      CREATE_PRODUCT,
      { input: productInput() },
      owner.token,
    );
    return { product: created.data!.createProduct };
  },
  ids: ({ product }) => [product.id, ...product.variants.map((variant) => variant.sku)],
  snapshot: async (gql, owner, { product }) => (await gql(OWN_PRODUCT, { id: product.id }, owner.token)).data,
  operations: [
    { name: 'myProduct', query: OWN_PRODUCT, variables: ({ product }) => ({ id: product.id }) },
    {
      name: 'updateProduct',
      query:
        'mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }',
      variables: ({ product }) => ({ id: product.id, input: { title: 'Taken over' } }),
    },
    {
      name: 'publishProduct',
      query: 'mutation($id: ID!) { publishProduct(id: $id) { id } }',
      variables: ({ product }) => ({ id: product.id }),
    },
    {
      name: 'archiveProduct',
      query: 'mutation($id: ID!) { archiveProduct(id: $id) { id } }',
      variables: ({ product }) => ({ id: product.id }),
    },
    {
      name: 'deleteProduct',
      query: 'mutation($id: ID!) { deleteProduct(id: $id) }',
      variables: ({ product }) => ({ id: product.id }),
    },
    { name: 'myProducts', query: '{ myProducts(first: 100) { nodes { id } } }', expect: 'hidden' },
  ],
});
