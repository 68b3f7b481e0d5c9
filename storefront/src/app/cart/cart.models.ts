/** One line of the buyer's cart, with a price snapshot taken when it was added. */
export interface CartLine {
  productId: string;
  variantId: string;
  sku: string;
  title: string;
  /** "Size: M, Colour: Red"; empty for products without options. */
  variantLabel: string;
  sellerId: string;
  sellerName: string | null;
  currency: string;
  unitPriceMinor: number;
  quantity: number;
}

export const MAX_QUANTITY = 99;
