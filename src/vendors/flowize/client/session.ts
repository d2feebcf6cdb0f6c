/**
 * Flowize session tokens: `GET /checkauthentication` with the client credentials, `GET
 * /refreshtoken` before expiry. The oauth2 mode authenticates every REST call with them; SOAP
 * `postRecord` needs one in every mode (its AccessToken is a session token, never an API key).
 */
import { createHash } from 'node:crypto';
import type { VendorHttp, VendorResponse } from '../../../http/client.js';
import { TokenManager, type IssuedToken } from '../../../http/token.js';
import { badResponse, type VendorDeps } from '../../../kit/index.js';
import type { FlowizeTokenResource, ResourceEnvelope } from '../models.js';

export interface FlowizeSessionOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  refreshSkewMs: number;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function resourceOf(res: VendorResponse<ResourceEnvelope<FlowizeTokenResource>>): FlowizeTokenResource {
  if (!res.data || typeof res.data !== 'object' || !('resource' in res.data)) {
    throw badResponse('flowize', 'flowize sent a response the gateway could not understand', res.status);
  }
  return res.data.resource;
}

/**
 * The session token of one client id (single-flight, refreshed before expiry). Calls go through
 * `http()` unauthenticated: they are what obtains the credential.
 */
export function flowizeSessionTokens(
  http: () => VendorHttp,
  options: FlowizeSessionOptions,
  deps: Pick<VendorDeps, 'store' | 'http'>,
): TokenManager {
  const { baseUrl, clientId, clientSecret } = options;
  const credentialHeaders = {
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: 'client_credentials',
    'content-type': 'application/json',
  };
  const toIssued = (r: FlowizeTokenResource, previous?: IssuedToken): IssuedToken => {
    const expiry = Number(r.expires_in ?? r.expires_at);
    if (!r.access_token) throw badResponse('flowize', 'flowize sent a token answer without access_token');
    return {
      accessToken: r.access_token,
      refreshToken: r.refresh_token ?? previous?.refreshToken,
      // expires_in is a unix timestamp (seconds), not a duration.
      expiresAt: Number.isFinite(expiry) && expiry > 0 ? expiry * 1000 : undefined,
    };
  };
  return new TokenManager({
    store: deps.store,
    key: `flowize:token:${hash(baseUrl + clientId)}`,
    refreshSkewMs: options.refreshSkewMs,
    now: deps.http.shared && (() => deps.http.shared!.clock.now()),
    login: async (scope) => {
      const res = await http().request<ResourceEnvelope<FlowizeTokenResource>>(
        {
          path: 'checkauthentication',
          operation: 'checkAuthentication',
          headers: credentialHeaders,
          authenticate: false,
        },
        scope,
      );
      return toIssued(resourceOf(res));
    },
    refresh: async (current, scope) => {
      const res = await http().request<ResourceEnvelope<FlowizeTokenResource>>(
        {
          path: 'refreshtoken',
          operation: 'refreshToken',
          headers: { ...credentialHeaders, refresh_token: current.refreshToken! },
          authenticate: false,
        },
        scope,
      );
      return toIssued(resourceOf(res), current);
    },
  });
}
