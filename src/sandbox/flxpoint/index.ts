/**
 * The Flxpoint simulator: api.flxpoint.com's paths at the root, `X-API-TOKEN` with Account, Source
 * and Channel tokens and their scopes (401 for a missing or unknown token, 403 for the wrong
 * type), 2 requests per token in any sliding second enforced with 429 + Retry-After, both paging styles over
 * bare arrays, and Spring-style error bodies. Route files hold the areas; this file the rules
 * they share.
 */
import type { Request, Response, Router } from 'express';
import { violation, type SimulatorContext, type SimulatorDefinition } from '../framework.js';
import { readJsonBody } from '../json-body.js';
import { registerAccountRoutes } from './account.js';
import { registerInventoryRoutes } from './inventory.js';
import { registerOrderRoutes } from './orders.js';
import { authenticate, flxError, type FlxRoute } from './common.js';
import { SANDBOX_TOKENS, seedFlxpoint, type FlxpointState } from './seed.js';
import { variantNames } from './variants.js';

export type { FlxpointState } from './seed.js';
export { SANDBOX_TOKENS } from './seed.js';
export type { FlxCall, FlxHandler, FlxRoute } from './common.js';

/**
 * Records a request without `X-API-TOKEN` (authenticate answers it 401): the token sent as
 * `Authorization: Bearer` (which the docs say not to use), under another header name, or in the
 * query string breaks the wire rule as much as no token at all.
 */
function misplacedToken(req: Request, res: Response): void {
  if (req.header('x-api-token')) return;
  const elsewhere = ['authorization', 'x-api-key', 'api-token', 'x-token', 'token'].find((h) => req.header(h));
  const inQuery = ['token', 'apiToken', 'api_token', 'X-API-TOKEN'].find((q) => req.query[q] !== undefined);
  if (elsewhere || inQuery) {
    violation(
      res,
      'auth.header-name',
      `the token must travel in X-API-TOKEN, not in ${elsewhere ? `the ${elsewhere} header` : `the query (${inQuery})`}`,
      401,
    );
  } else {
    violation(res, 'auth.missing', 'no X-API-TOKEN header', 401);
  }
}

function routes(router: Router, ctx: SimulatorContext<FlxpointState>): void {
  const route: FlxRoute = (method, path, types, handler) => {
    router[method](path, (req: Request, res: Response) => {
      const state = ctx.state;
      misplacedToken(req, res);
      const token = authenticate(state, req, res);
      if (!token) return;
      if (!types.includes(token.type)) {
        violation(
          res,
          'auth.scope',
          `${req.method} ${req.path} needs a ${types.join(' or ')} token, got a ${token.type} token`,
          403,
        );
        return flxError(
          req,
          res,
          403,
          `A ${token.type} token cannot access this resource; use a ${types.join(' or ')} token`,
        );
      }
      const body = readJsonBody(req, res, { subject: `a ${req.method} body` });
      if (!body.ok && body.problem === 'json') return flxError(req, res, 400, 'Malformed JSON request body');
      if (!body.ok) {
        const type = body.contentType || 'none';
        return flxError(req, res, 415, `Content-Type '${type}' is not supported; use application/json`);
      }
      const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
      if (state.fieldNames === 'variant') {
        const json = res.json.bind(res);
        res.json = (payload: unknown) => json(variantNames(payload));
      }
      handler({ state, token, req, res, query, body: body.value });
    });
  };
  registerAccountRoutes(route);
  registerInventoryRoutes(route);
  registerOrderRoutes(route);
}

export const flxpointSimulator: SimulatorDefinition<FlxpointState> = {
  name: 'flxpoint',
  seed: seedFlxpoint,
  routes,
  env: (url) => ({
    FLXPOINT_BASE_URL: url,
    FLXPOINT_ACCOUNT_TOKEN: SANDBOX_TOKENS.account,
    FLXPOINT_SOURCE_TOKENS: Object.entries(SANDBOX_TOKENS.sources)
      .map(([id, token]) => `${id}=${token}`)
      .join(','),
    FLXPOINT_CHANNEL_TOKENS: Object.entries(SANDBOX_TOKENS.channels)
      .map(([id, token]) => `${id}=${token}`)
      .join(','),
  }),
  actions: {
    /** Answers use the variant field names (`items`, `acknowledgedAt` only, `purchaseOrder*`). */
    variantFieldNames: (state) => {
      state.fieldNames = 'variant';
    },
    /** Every token is revoked in Flxpoint (all calls answer 401). */
    revokeTokens: (state) => state.tokens.clear(),
  },
};
