import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { cartConfigSchema } from '../src/config';
import { createServiceApp } from '@marketplace/service-kit';
import { dataOf, graphqlClient, offboardingTestEnv } from '@marketplace/testing';

export type { GraphQLAnswer as GqlAnswer } from '@marketplace/testing';

export interface Caller {
  token?: string;
  cartToken?: string;
}

export const CART_FIELDS = `itemCount totals { amountMinor currency }
  sellers { tenantId seller { id } subtotals { amountMinor currency }
    lines { id productId variantId sku title quantity unitPrice { amountMinor currency capturedAt } lineTotal { amountMinor currency } } }`;

export interface CartLineView {
  id: string;
  productId: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: { amountMinor: number; currency: string; capturedAt: string };
  lineTotal: { amountMinor: number; currency: string };
}

export interface CartView {
  itemCount: number;
  totals: { amountMinor: number; currency: string }[];
  sellers: {
    tenantId: string;
    seller: { id: string };
    subtotals: { amountMinor: number; currency: string }[];
    lines: CartLineView[];
  }[];
}

/**
 * The cart service in-process against the real Redis, Keycloak and Kafka, with a key prefix of its own (and so a
 * product projection and consumer groups of its own); it takes part in offboarding only when a test asks
 * (`OFFBOARDING_PARTICIPANT`).
 */
export class CartHarness {
  app!: NestFastifyApplication;
  base!: string;
  readonly keyPrefix = `cart-test-${ulid()}`;

  constructor(private readonly overrides: Record<string, string>) {}

  async start(): Promise<this> {
    const config = cartConfigSchema.parse({
      ...process.env,
      LOG_LEVEL: 'silent',
      ...offboardingTestEnv('cart'),
      CART_KEY_PREFIX: this.keyPrefix,
      ...this.overrides,
    });
    this.app = await createServiceApp(await AppModule.forRoot(config));
    await this.app.listen(0, '127.0.0.1');
    this.base = await this.app.getUrl();
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.close();
  }

  gql<T = Record<string, unknown>>(query: string, variables: object, caller: Caller) {
    return graphqlClient(this.base)<T>(
      query,
      variables as Record<string, unknown>,
      caller.token,
      caller.cartToken !== undefined ? { 'x-cart-token': caller.cartToken } : {},
    );
  }

  /** Like gql, but fails the test on any GraphQL error. */
  async ok<T = Record<string, unknown>>(query: string, variables: object, caller: Caller): Promise<T> {
    return dataOf(await this.gql<T>(query, variables, caller));
  }

  async cart(caller: Caller): Promise<CartView> {
    return (await this.ok<{ cart: CartView }>(`{ cart { ${CART_FIELDS} } }`, {}, caller)).cart;
  }

  add(caller: Caller, productId: string, sku: string, quantity: number) {
    return this.gql<{ addToCart: CartView }>(
      `mutation($variant: CartVariantInput!, $quantity: Int!) { addToCart(variant: $variant, quantity: $quantity) { ${CART_FIELDS} } }`,
      { variant: { productId, sku }, quantity },
      caller,
    );
  }

  update(caller: Caller, lineId: string, quantity: number) {
    return this.gql<{ updateCartLine: CartView }>(
      `mutation($lineId: ID!, $quantity: Int!) { updateCartLine(lineId: $lineId, quantity: $quantity) { ${CART_FIELDS} } }`,
      { lineId, quantity },
      caller,
    );
  }

  remove(caller: Caller, lineId: string) {
    return this.gql<{ removeCartLine: CartView }>(
      `mutation($lineId: ID!) { removeCartLine(lineId: $lineId) { ${CART_FIELDS} } }`,
      { lineId },
      caller,
    );
  }

  removeOrdered(
    caller: Caller,
    orderId: string,
    lines: { productId: string; sku: string; quantity: number }[],
  ) {
    return this.gql<{ removeOrderedLines: CartView }>(
      `mutation($orderId: ID!, $lines: [OrderedLineInput!]!) { removeOrderedLines(orderId: $orderId, lines: $lines) { ${CART_FIELDS} } }`,
      { orderId, lines },
      caller,
    );
  }

  async anonymousToken(): Promise<string> {
    return (
      await this.ok<{ createAnonymousCart: { token: string } }>(
        'mutation { createAnonymousCart { token } }',
        {},
        {},
      )
    ).createAnonymousCart.token;
  }
}
