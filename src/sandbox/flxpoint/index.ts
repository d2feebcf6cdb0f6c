/**
 * The Flxpoint simulator: api.flxpoint.com's paths at the root, `X-API-TOKEN` with Account, Source
 * and Channel tokens and their scopes (401 for a missing or unknown token, 403 for the wrong
 * type), 2 requests per token in any sliding second enforced with 429 + Retry-After, both paging styles over
 * bare arrays, and Spring-style error bodies. Route files hold the areas; this file the rules
 * they share.
 */
import type { Request, Response, Router } from 'express';
import type { SimulatorContext, SimulatorDefinition } from '../framework.js';
import { registerAccountRoutes } from './account.js';
import { registerInventoryRoutes } from './inventory.js';
import { registerOrderRoutes } from './orders.js';
import { authenticate, flxError, type FlxRoute } from './common.js';
import { SANDBOX_TOKENS, seedFlxpoint, type FlxpointState } from './seed.js';

export type { FlxpointState } from './seed.js';
export { SANDBOX_TOKENS } from './seed.js';
export type { FlxCall, FlxHandler, FlxRoute } from './common.js';

function routes(router: Router, ctx: SimulatorContext<FlxpointState>): void {
  const route: FlxRoute = (method, path, types, handler) => {
    router[method](path, (req: Request, res: Response) => {
      const state = ctx.state;
      const token = authenticate(state, req, res);
      if (!token) return;
      if (!types.includes(token.type)) {
        return flxError(req, res, 403, `A ${token.type} token cannot access this resource; use a ${types.join(' or ')} token`);
      }
      let body: unknown;
      const text = typeof req.body === 'string' ? req.body : '';
      if (text) {
        if (!/json/i.test(req.header('content-type') ?? '')) return flxError(req, res, 400, 'Content-Type must be application/json');
        try {
          body = JSON.parse(text);
        } catch {
          return flxError(req, res, 400, 'Malformed JSON request body');
        }
      }
      const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
      handler({ state, token, req, res, query, body });
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
    /** Every token is revoked in Flxpoint (all calls answer 401). */
    revokeTokens: (state) => state.tokens.clear(),
  },
};
