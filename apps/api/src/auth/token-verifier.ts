import type { Principal } from './principal';

/** Verifies a bearer access token and reads its principal; throws `InvalidToken` otherwise. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export const TOKEN_VERIFIER = Symbol('TokenVerifier');

/** Why a token was not accepted: said to the caller in general terms, logged in detail. */
export class InvalidToken extends Error {
  override readonly name = 'InvalidToken';
}
