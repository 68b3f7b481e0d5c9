import { createTestBuyer, createTestTenant, type TestTenant, type TestUser } from '@marketplace/testing';
import { ulid } from 'ulid';
import { mapConcurrently } from './concurrency';
import { dataOf, type GraphqlAnswer } from './graphql-client';
import type { RunningPlatform } from './platform';

/** A seller with a payout account (so settlement can transfer its share). */
export type Seller = TestTenant;

/** One published single-variant product of a seller, with stock. */
export interface StockedProduct {
  seller: Seller;
  productId: string;
  sku: string;
  priceMinor: number;
  currency: string;
}

export interface SellerOrderView {
  id: string;
  tenantId: string;
  status: string;
  subtotal: number;
  lines: { sku: string; quantity: number; unitPrice: number }[];
}

export interface BuyerOrderView {
  id: string;
  status: string;
  currency: string;
  total: number;
  failureReason: string | null;
  sellerOrders: SellerOrderView[];
}

export interface StockLevel {
  onHand: number;
  reserved: number;
  available: number;
}

export const SHIPPING_ADDRESS = {
  name: 'Ada Buyer',
  line1: 'Hauptstraße 1',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
};

const CREATE_PRODUCT = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id variants { sku } } }`;
const PUBLISH_PRODUCT = `mutation($id: ID!) { publishProduct(id: $id) { id status } }`;
const SET_STOCK = `mutation($input: SetStockInput!) { setStock(input: $input) { sku onHand } }`;
const START_ONBOARDING = `mutation($input: StartPayoutOnboardingInput!) {
  startPayoutOnboarding(input: $input) { account { accountId } }
}`;
export const ADD_TO_CART = `mutation($variant: CartVariantInput!, $quantity: Int!) {
  addToCart(variant: $variant, quantity: $quantity) { itemCount }
}`;
const BUYER_ORDER_FIELDS = `id status currency total failureReason
  sellerOrders { id tenantId status subtotal lines { sku quantity unitPrice } }`;
export const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { ${BUYER_ORDER_FIELDS} } }`;
export const MY_ORDER = `query($id: ID!) { myOrder(id: $id) { ${BUYER_ORDER_FIELDS} } }`;
export const SELLER_ORDERS = `query($first: Int) { sellerOrders(first: $first) { nodes { id status subtotal } } }`;
export const SELLER_ORDER = `query($id: ID!) { sellerOrder(id: $id) { id status subtotal } }`;
export const PAYOUT_TRANSFERS = `query { payoutTransfers(first: 50) {
  nodes { buyerOrderId sellerOrderId subtotal commission amount currency status }
} }`;
const STOCK_LEVELS = `query($sku: String) { stockLevels(first: 5, sku: $sku) { nodes { onHand reserved available } } }`;

/** The journeys of sellers and buyers through the gateway of a running platform. */
export class Marketplace {
  constructor(readonly platform: RunningPlatform) {}

  /**
   * A new seller organization (active: the catalog counts a tenant it has no status event for as active,
   * as provisioning creates organizations active) with a test-provider payout account.
   */
  async seller(): Promise<Seller> {
    const seller = await createTestTenant();
    await this.onboardPayouts(seller);
    return seller;
  }

  /** Gives the seller a test-provider payout account, so its sales are transferred. */
  async onboardPayouts(seller: Pick<Seller, 'owner'>): Promise<void> {
    dataOf(
      await this.platform.gql(
        START_ONBOARDING,
        {
          input: {
            returnUrl: 'https://seller.example.test/done',
            refreshUrl: 'https://seller.example.test/retry',
          },
        },
        seller.owner.token,
      ),
      'startPayoutOnboarding',
    );
  }

  /** Distinct buyers (real Keycloak users), created 25 at a time so Keycloak is busy but not swamped. */
  buyers(count: number): Promise<TestUser[]> {
    return mapConcurrently(Array.from({ length: count }), 25, () => createTestBuyer());
  }

  /** Creates and publishes a one-variant product in the seller's catalog and sets its stock. */
  async product(seller: Seller, priceMinor: number, onHand: number): Promise<StockedProduct> {
    const sku = `E2E-${ulid()}`;
    const created = dataOf(
      await this.platform.gql<{ createProduct: { id: string } }>(
        CREATE_PRODUCT,
        {
          input: {
            title: `End-to-end item ${sku}`,
            description: 'Made for the checkout proofs',
            currency: 'EUR',
            attributes: [],
            options: [],
            variants: [{ sku, optionValues: [], priceMinor }],
          },
        },
        seller.owner.token,
      ),
      'createProduct',
    ).createProduct;
    dataOf(
      await this.platform.gql(PUBLISH_PRODUCT, { id: created.id }, seller.owner.token),
      'publishProduct',
    );
    await this.setStock(seller, sku, onHand);
    return { seller, productId: created.id, sku, priceMinor, currency: 'EUR' };
  }

  async setStock(seller: Seller, sku: string, onHand: number): Promise<void> {
    dataOf(
      await this.platform.gql(SET_STOCK, { input: { sku, onHand, reason: 'e2e stock' } }, seller.owner.token),
      'setStock',
    );
  }

  async stock(product: StockedProduct): Promise<StockLevel> {
    const answer = dataOf(
      await this.platform.gql<{ stockLevels: { nodes: StockLevel[] } }>(
        STOCK_LEVELS,
        { sku: product.sku },
        product.seller.owner.token,
      ),
      'stockLevels',
    );
    const [level] = answer.stockLevels.nodes;
    if (!level) throw new Error(`No stock level for ${product.sku}`);
    return level;
  }

  addToCart(token: string, product: Pick<StockedProduct, 'productId' | 'sku'>, quantity: number) {
    return this.platform.gql<{ addToCart: { itemCount: number } }>(
      ADD_TO_CART,
      { variant: { productId: product.productId, sku: product.sku }, quantity },
      token,
    );
  }

  async fillCart(token: string, lines: [StockedProduct, number][]): Promise<void> {
    for (const [product, quantity] of lines)
      dataOf(await this.addToCart(token, product, quantity), 'addToCart');
  }

  checkout(
    token: string,
    idempotencyKey = `e2e-${ulid()}`,
  ): Promise<GraphqlAnswer<{ checkout: BuyerOrderView }>> {
    return this.platform.gql(
      CHECKOUT,
      { input: { idempotencyKey, shippingAddress: SHIPPING_ADDRESS } },
      token,
    );
  }

  /** The payment of a buyer order and its ledger, as the payments service records them. */
  async ledger(buyerOrderId: string): Promise<{ kind: string; amount: number; tenantId?: string | null }[]> {
    const answer = await this.platform.paymentsInternal<{ ledger: { kind: string; amount: number }[] }>(
      'GET',
      `/internal/payments/${buyerOrderId}`,
    );
    if (answer.status !== 200) throw new Error(`Payment of ${buyerOrderId}: HTTP ${answer.status}`);
    return answer.body.ledger;
  }
}
