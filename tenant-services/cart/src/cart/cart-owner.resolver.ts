import { Inject, Injectable } from '@nestjs/common';
import { AuthError, ForbiddenError, TokenVerifier, type Principal } from '@marketplace/auth';
import { currentContext, runWithContext } from '@marketplace/tenancy';
import { CartTokens, cartTokenSchema, type CartOwner } from './cart-owner';
import { CartRepository } from './cart.repository';

export const CART_TOKEN_HEADER = 'x-cart-token';

export interface RequestHeaders {
  headers: Record<string, string | string[] | undefined>;
}

function header(request: RequestHeaders, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The signed-in buyer's cart; the request context (whose buyer it names) must be the principal's. */
export function buyerOwner(principal: Principal): CartOwner {
  // Client-credentials tokens act for a tenant, never as a shopper.
  if (principal.kind !== 'user') throw new ForbiddenError('API clients have no cart');
  return { kind: 'buyer' };
}

/**
 * Whose cart a request addresses. Cart operations are open to anonymous shoppers, so the global guard lets
 * them through and the token is verified here: a signed-in caller always gets their own cart (a cart token
 * sent alongside is ignored until `mergeCart`); otherwise the `x-cart-token` header names the cart.
 */
@Injectable()
export class CartOwnerResolver {
  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(CartTokens) private readonly tokens: CartTokens,
    @Inject(CartRepository) private readonly carts: CartRepository,
  ) {}

  /**
   * Runs `work` on the cart the request addresses. Cart operations are public, so no guard put the buyer in the
   * request context: a verified buyer is put there here, for the buyer-owned cart key.
   */
  async withOwner<T>(request: RequestHeaders, work: (owner: CartOwner) => Promise<T>): Promise<T> {
    const authorization = header(request, 'authorization');
    if (authorization) {
      const principal = await this.verifier.verifyAuthorizationHeader(authorization);
      const owner = buyerOwner(principal);
      return runWithContext({ ...currentContext(), userId: principal.userId, roles: principal.roles }, () =>
        work(owner),
      );
    }
    const token = header(request, CART_TOKEN_HEADER);
    if (token !== undefined) return work(await this.anonymousOwner(token));
    throw new AuthError(
      'missing_token',
      `Sign in, or send the ${CART_TOKEN_HEADER} header of an anonymous cart (createAnonymousCart)`,
    );
  }

  /**
   * The anonymous cart of a token this service issued. A caller cannot choose a token: forged ones are refused,
   * and an unsigned one from before tokens were signed only while its cart still exists.
   */
  async anonymousOwner(token: string): Promise<CartOwner> {
    const owner: CartOwner = { kind: 'anonymous', token: cartTokenSchema.parse(token) };
    const kind = this.tokens.classify(owner.token);
    if (kind === 'issued' || (kind === 'legacy' && (await this.carts.exists(owner)))) return owner;
    throw new AuthError('invalid_token', 'Unknown cart token: start a new cart with createAnonymousCart');
  }
}
