const CART_FIELDS = `
  itemCount
  totals { amountMinor currency }
  sellers {
    tenantId
    subtotals { amountMinor currency }
    lines {
      id productId variantId sku title quantity
      unitPrice { amountMinor currency }
      lineTotal { amountMinor currency }
    }
  }
`;

export const CART = `query Cart { cart { ${CART_FIELDS} } }`;

export const CREATE_ANONYMOUS_CART = `mutation CreateAnonymousCart { createAnonymousCart { token } }`;

export const ADD_TO_CART = `
  mutation AddToCart($variant: CartVariantInput!, $quantity: Int!) {
    addToCart(variant: $variant, quantity: $quantity) { ${CART_FIELDS} }
  }
`;

export const UPDATE_CART_LINE = `
  mutation UpdateCartLine($lineId: ID!, $quantity: Int!) {
    updateCartLine(lineId: $lineId, quantity: $quantity) { ${CART_FIELDS} }
  }
`;

export const REMOVE_CART_LINE = `
  mutation RemoveCartLine($lineId: ID!) { removeCartLine(lineId: $lineId) { ${CART_FIELDS} } }
`;

export const MERGE_CART = `
  mutation MergeCart($cartToken: String!) { mergeCart(cartToken: $cartToken) { cart { ${CART_FIELDS} } } }
`;

export const VALIDATE_CART = `
  mutation ValidateCart {
    validateCart {
      valid
      cart { ${CART_FIELDS} }
      changedLines { lineId sku previousPrice { amountMinor currency } currentPrice { amountMinor currency } }
      unavailableLines { lineId sku reason }
    }
  }
`;

interface RawAmount {
  amountMinor: number;
  currency: string;
}

export interface RawCart {
  itemCount: number;
  totals: RawAmount[];
  sellers: {
    tenantId: string;
    subtotals: RawAmount[];
    lines: {
      id: string;
      productId: string;
      variantId: string;
      sku: string;
      title: string;
      quantity: number;
      unitPrice: RawAmount;
      lineTotal: RawAmount;
    }[];
  }[];
}

export interface RawCartValidation {
  valid: boolean;
  cart: RawCart;
  changedLines: { lineId: string; sku: string; previousPrice: RawAmount; currentPrice: RawAmount }[];
  unavailableLines: { lineId: string; sku: string; reason: string }[];
}
