import { Inject, Injectable } from '@nestjs/common';
import { AuthError, ForbiddenError, TokenVerifier, type Principal } from '@marketplace/auth';
import { cartTokenSchema, type CartOwner } from './cart-owner';

export const CART_TOKEN_HEADER = 'x-cart-token';

export interface RequestHeaders {
  headers: Record<string, string | string[] | undefined>;
}

function header(request: RequestHeaders, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function buyerOwner(principal: Principal): CartOwner {
  // Client-credentials tokens act for a tenant, never as a shopper.
  if (principal.kind !== 'user') throw new ForbiddenError('API clients have no cart');
  return { kind: 'buyer', userId: principal.userId };
}

/**
 * Whose cart a request addresses. Cart operations are open to anonymous shoppers, so the global guard lets
 * them through and the token is verified here: a signed-in caller always gets their own cart (a cart token
 * sent alongside is ignored until `mergeCart`); otherwise the `x-cart-token` header names the cart.
 */
@Injectable()
export class CartOwnerResolver {
  constructor(@Inject(TokenVerifier) private readonly verifier: TokenVerifier) {}

  async ownerOf(request: RequestHeaders): Promise<CartOwner> {
    const authorization = header(request, 'authorization');
    if (authorization) return buyerOwner(await this.verifier.verifyAuthorizationHeader(authorization));
    const token = header(request, CART_TOKEN_HEADER);
    if (token !== undefined) return { kind: 'anonymous', token: cartTokenSchema.parse(token) };
    throw new AuthError(
      'missing_token',
      `Sign in, or send the ${CART_TOKEN_HEADER} header of an anonymous cart (createAnonymousCart)`,
    );
  }
}
