const SUMMARY_FIELDS = `
  id slug title currency minPrice maxPrice inStock ratingAvg ratingCount images
  seller { id }
  category { id name }
`;

export const SEARCH_PRODUCTS = `
  query SearchProducts($search: ProductSearchInput, $sort: ProductSort, $first: Int, $after: String) {
    products(search: $search, sort: $sort, first: $first, after: $after) {
      nodes { ${SUMMARY_FIELDS} }
      pageInfo { hasNextPage endCursor }
      totalCount
      facets {
        categories { value label count }
        sellers { value label count }
        priceBuckets { min max count }
      }
    }
  }
`;

export const PRODUCT = `
  query Product($id: ID!) {
    product(id: $id) {
      ${SUMMARY_FIELDS}
      description publishedAt imageAlts
      media { id variants { name url width height } }
      attributes { name value }
      options { name values }
      variants { id sku priceMinor compareAtMinor optionValues { name value } }
    }
  }
`;

export const CATEGORIES = `query Categories { categories { id name slug parentId } }`;

export const SELLER = `query Seller($id: ID!) {
  tenant(id: $id) { id name description returnPolicy logo { variants { name url } } }
}`;
