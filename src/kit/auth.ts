/**
 * Auth helpers for vendors whose credential is a static value: a header or a query parameter set
 * on every call. Token flows (login, refresh, single-flight) use `TokenManager` (src/http/token.ts)
 * behind a vendor's own {@link AuthStrategy}.
 */
import type { AuthStrategy, OutgoingRequest } from '../http/client.js';

/** Sends `values` (header name → credential) on every call; undefined values are left out. */
export function headerAuth(values: Record<string, string | undefined>): AuthStrategy {
  return {
    async apply(request: OutgoingRequest): Promise<unknown> {
      for (const [name, value] of Object.entries(values)) if (value !== undefined) request.headers[name] = value;
      return undefined;
    },
  };
}

/** Sends `values` (query parameter → credential) on every call; undefined values are left out. */
export function queryAuth(values: Record<string, string | undefined>): AuthStrategy {
  return {
    async apply(request: OutgoingRequest): Promise<unknown> {
      for (const [name, value] of Object.entries(values)) if (value !== undefined) request.searchParams[name] = value;
      return undefined;
    },
  };
}
