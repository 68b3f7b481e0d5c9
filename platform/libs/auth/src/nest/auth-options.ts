import type { TokenVerifierOptions } from '../token-verifier';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthModuleOptions extends TokenVerifierOptions {
  /** OAuth clients (`azp`) whose tokens may call `@InternalOnly()` operations; default `marketplace-services`. */
  internalCallers?: readonly string[];
}
