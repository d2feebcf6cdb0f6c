/**
 * Client authentication: who is calling, from the request headers. API keys are compared by their
 * SHA-256 (the gateway never holds a key itself); JWTs are verified with jose against a shared
 * secret, a JWKS file or a JWKS URL, with issuer, audience and expiry checked. Failures carry a
 * message safe to show the caller: it never quotes the credential.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { ApiKeyEntry, JwtSettings, SecurityConfig } from './config.js';
import { highestRole, type Identity } from './roles.js';

/** The caller could not be authenticated; answered with UNAUTHENTICATED and HTTP 401. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** The SHA-256 of an API key as stored in VENDORGRAPH_API_KEYS (lower-case hex). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const KEY_SHAPE = /^[\x21-\x7e]{16,512}$/;

/** The anonymous caller of a gateway that runs open. */
export const ANONYMOUS: Identity = { kind: 'anonymous', name: 'anonymous', role: 'admin' };

/** Turns request headers into an {@link Identity}, or throws {@link AuthenticationError}. */
export class Authenticator {
  readonly #keys: Map<string, ApiKeyEntry>;
  readonly #jwt?: JwtSettings;
  readonly #getKey?: JWTVerifyGetKey | Uint8Array;
  readonly #open: boolean;

  constructor(security: SecurityConfig) {
    this.#keys = new Map(security.apiKeys.map((k) => [k.sha256, k]));
    this.#jwt = security.jwt;
    this.#open = security.auth === 'open';
    const jwt = security.jwt;
    if (jwt?.secret) this.#getKey = new TextEncoder().encode(jwt.secret);
    else if (jwt?.jwks) this.#getKey = createLocalJWKSet(jwt.jwks as never);
    else if (jwt?.jwksUrl)
      this.#getKey = createRemoteJWKSet(new URL(jwt.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  }

  /** Who sent a request with these headers. */
  async authenticate(headers: IncomingHttpHeaders): Promise<Identity> {
    const apiKeyHeader = single(headers['x-api-key'], 'x-api-key');
    const authorization = single(headers.authorization, 'authorization');
    if (apiKeyHeader !== undefined && authorization !== undefined) {
      throw new AuthenticationError('Send one credential: either an x-api-key header or an Authorization header');
    }
    if (apiKeyHeader !== undefined) return this.#apiKey(apiKeyHeader.trim());
    if (authorization !== undefined) {
      const match = /^(Bearer|ApiKey)\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>" or "ApiKey <key>"');
      const [, scheme, credential] = match;
      if (scheme.toLowerCase() === 'bearer' && JWT_SHAPE.test(credential)) return this.#token(credential);
      return this.#apiKey(credential);
    }
    if (this.#open) return ANONYMOUS;
    throw new AuthenticationError('Authentication required: send an API key (x-api-key) or a bearer token');
  }

  #apiKey(key: string): Identity {
    if (!KEY_SHAPE.test(key)) throw new AuthenticationError('The API key is not valid');
    const entry = this.#keys.get(hashApiKey(key));
    if (!entry) throw new AuthenticationError('The API key is not valid');
    return { kind: 'api-key', name: entry.name, role: entry.role };
  }

  async #token(token: string): Promise<Identity> {
    const jwt = this.#jwt;
    const getKey = this.#getKey;
    if (!jwt || !getKey) throw new AuthenticationError('This gateway does not accept bearer tokens');
    let payload: JWTPayload;
    try {
      const options = {
        issuer: jwt.issuer,
        audience: jwt.audience,
        algorithms: jwt.algorithms,
        clockTolerance: jwt.clockToleranceS,
        requiredClaims: ['exp'],
      };
      payload =
        getKey instanceof Uint8Array
          ? (await jwtVerify(token, getKey, options)).payload
          : (await jwtVerify(token, getKey, options)).payload;
    } catch (error) {
      throw new AuthenticationError(describeJoseError(error));
    }
    const claim = payload[jwt.roleClaim];
    const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
    return {
      kind: 'jwt',
      name: typeof payload.sub === 'string' && payload.sub ? payload.sub : 'token',
      role: highestRole(values),
    };
  }
}

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new AuthenticationError(`Send the ${name} header once`);
    return value[0];
  }
  return value;
}

/** A message for a failed verification that names the check, never the token. */
function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The bearer token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (claim === 'aud') return 'The bearer token is not meant for this gateway (audience)';
    if (claim === 'iss') return 'The bearer token comes from an issuer this gateway does not trust';
    if (claim === 'nbf') return 'The bearer token is not valid yet';
    if (claim === 'exp') return 'The bearer token has no expiry';
    return `The bearer token failed the "${claim.replace(/[^A-Za-z0-9_]/g, '')}" claim check`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return 'The bearer token is signed with an algorithm this gateway does not accept';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The bearer token signature is invalid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'No trusted key matches the bearer token';
  if (
    error instanceof joseErrors.JWKSTimeout ||
    (error instanceof joseErrors.JOSEError && error.code === 'ERR_JWKS_INVALID')
  ) {
    return 'The bearer token could not be verified right now';
  }
  return 'The bearer token is not valid';
}
