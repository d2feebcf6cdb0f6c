/**
 * The Flowize simulator: the documented REST API under /v1 and the SOAP API at /soap (soap.ts),
 * with the three auth modes (OAuth2 tokens that expire and refresh, API-key headers, URL
 * parameters), X-Scopes checks, Flowize's envelopes and status codes, ETags, X-RateLimit-*
 * headers, and a seeded data set (flows, a few hundred records, tables, keystores, environments).
 */
import { randomBytes } from 'node:crypto';
import type { Request, Router } from 'express';
import type { SimulatorContext, SimulatorDefinition } from '../framework.js';
import { seedFlowize, type FlowizeState } from './seed.js';
import { registerExtraRoutes } from './routes.js';
import { loseNextSoapAnswer, registerSoapRoutes } from './soap.js';
import { lastModified, negotiation, parseBody, registerProtocolRoutes, utf8Headers } from './protocol.js';
import { flowizeWireRules } from './wire.js';
import {
  FLOWS_PUBLISHED,
  SANDBOX_CREDENTIALS,
  authorize,
  flowDiagramAnswer,
  flowizeError,
  insertRecords,
  named,
  param,
  parseWall,
  recordAnswer,
  recordModified,
  searchView,
} from './common.js';

export { SANDBOX_CREDENTIALS, TOKEN_TTL_S } from './common.js';
export type { FlowizeState } from './seed.js';

/** Whether the login headers carry the sandbox's client id and secret (login and refresh both check them). */
function clientCredentials(req: Request): boolean {
  return (
    req.header('client_id') === SANDBOX_CREDENTIALS.clientId &&
    req.header('client_secret') === SANDBOX_CREDENTIALS.clientSecret
  );
}

function routes(router: Router, ctx: SimulatorContext<FlowizeState>): void {
  const s = () => ctx.state;
  router.use(negotiation);
  router.use(utf8Headers);
  router.use(flowizeWireRules);
  registerProtocolRoutes(router, ctx);

  /** Issues an access token that lives the configured time: the token and its expiry (epoch seconds). */
  const issueToken = () => {
    const access = randomBytes(32).toString('hex');
    const expiresAt = Math.floor(Date.now() / 1000) + s().tokenTtlSeconds;
    s().tokens.set(access, { expiresAt });
    return { access, expiresAt };
  };

  router.get('/v1/checkauthentication', (req, res) => {
    if (!clientCredentials(req)) return flowizeError(res, 401, 'The credentials are not valid');
    if (req.header('grant_type') !== 'client_credentials')
      return flowizeError(res, 400, 'grant_type must be client_credentials');
    const { access, expiresAt } = issueToken();
    const refresh = randomBytes(32).toString('hex');
    s().refreshTokens.add(refresh);
    s().counters.logins += 1;
    res.json({
      resource: {
        access_token: access,
        token_type: 'bearer',
        refresh_token: refresh,
        expires_in: expiresAt,
        scopes: null,
      },
      message: 'The credentials are valid',
    });
  });

  router.get('/v1/refreshtoken', (req, res) => {
    if (!clientCredentials(req)) return flowizeError(res, 401, 'The credentials are not valid');
    if (!s().refreshTokens.has(req.header('refresh_token') ?? ''))
      return flowizeError(res, 401, 'Invalid refresh token');
    const { access, expiresAt } = issueToken();
    s().counters.refreshes += 1;
    res.json({ resource: { access_token: access, expires_at: expiresAt }, message: 'The token has been generated' });
  });

  router.get('/v1/record/search', (req, res) => {
    if (!authorize(s(), req, res)) return;
    const limit = Number(param(req, 'x-limit', 'limit') ?? 10);
    const offset = Number(param(req, 'x-offset', 'offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
      ctx.violation(req, 'paging', `X-limit ${limit} / X-offset ${offset} out of range`, 400);
      return flowizeError(res, 400, 'limit must be 1..100 and offset a non-negative integer');
    }
    const uuid = param(req, 'x-uuid', 'uuid');
    const flow = param(req, 'x-flow', 'flow_name');
    const status = param(req, 'x-datarecord-status', 'datarecord_status');
    const fieldName = param(req, 'x-datafield-name', 'datafield_name');
    const fieldValue = param(req, 'x-datafield-value', 'datafield_value');
    const dateType = typeof req.query.date_type === 'string' ? req.query.date_type : undefined;
    const from = parseWall(req.query.date_from);
    const to = parseWall(req.query.date_to);
    if (Number.isNaN(from) || Number.isNaN(to))
      return flowizeError(res, 400, 'date_from/date_to must look like 2017-12-31 12:00:00');
    if (dateType && !['date_created', 'date_started', 'date_last_run'].includes(dateType))
      return flowizeError(res, 400, 'Unknown date_type');
    const key =
      ({ date_created: 'created', date_started: 'started', date_last_run: 'lastRun' } as const)[
        dateType as 'date_created'
      ] ?? 'created';
    const matches = s().records.filter((r) => {
      if (uuid && r.uuid !== uuid) return false;
      if (flow && r.flowName !== flow) return false;
      if (status !== undefined && String(r.status) !== status) return false;
      if (fieldName && String((r.data as Record<string, unknown> | null)?.[fieldName] ?? '') !== (fieldValue ?? ''))
        return false;
      if (dateType && (from !== undefined || to !== undefined)) {
        const t = r[key]?.getTime();
        if (t === undefined) return false;
        if (from !== undefined && t < from) return false;
        if (to !== undefined && t > to) return false;
      }
      return true;
    });
    ctx.sendJson(req, res, 200, {
      id: 'ok',
      code: 200,
      'request-ip': req.ip,
      resource: {
        records: matches.slice(offset, offset + limit).map(searchView),
        total: matches.length,
        offset,
        limit,
      },
      message: 'The query has been executed successfully.',
      error: null,
    });
  });

  router.get('/v1/record', (req, res) => {
    if (!authorize(s(), req, res, 'record.read')) return;
    const r = named(req, res, ['x-uuid', 'uuid', 'X-Uuid'], s().records, (x) => x.uuid, 'Data Record not found');
    if (!r) return;
    ctx.sendJson(req, res, 200, recordAnswer(s(), r), lastModified(recordModified(r)));
  });

  router.post('/v1/record', (req, res) => {
    if (!authorize(s(), req, res, 'record')) return;
    const flowName = param(req, 'x-flow', 'flow_name');
    if (!flowName) return flowizeError(res, 400, 'X-Flow is required');
    const flow = s().flows.find((f) => f.name === flowName);
    if (!flow) return flowizeError(res, 402, `Flow ${flowName} does not exist`);
    if (flow.status === 'inactive') return flowizeError(res, 402, `Flow ${flowName} is inactive`);
    const body = parseBody(req);
    if (!body.ok || body.value === undefined)
      return flowizeError(res, 400, 'The payload must be a JSON (or XML) data record');
    const uuid = param(req, 'x-uuid', 'uuid');
    const executeAt = param(req, 'x-executiontime', 'executiontime');
    if (executeAt && Number.isNaN(new Date(executeAt).getTime()))
      return flowizeError(res, 400, 'X-Executiontime must be an ATOM date');
    const resource = insertRecords(s(), flowName, body.value, uuid, executeAt);
    if (!resource) return flowizeError(res, 409, 'A data record with this uuid already exists');
    res.status(201).json({ resource, message: 'Data Record is created successfully' });
  });

  router.get('/v1/flowdiagram', (req, res) => {
    if (!authorize(s(), req, res, 'flowdiagram.read')) return;
    const flow = named(req, res, ['x-flow', 'flow_name', 'X-Flow'], s().flows, (f) => f.name, 'Flow diagram not found');
    if (!flow) return;
    const answer = { id: 200, ...flowDiagramAnswer(s(), flow) };
    ctx.sendJson(req, res, 200, answer, lastModified(flow.modified ?? FLOWS_PUBLISHED));
  });

  registerSoapRoutes(router, ctx);

  registerExtraRoutes(router, ctx);
}

export const flowizeSimulator: SimulatorDefinition<FlowizeState> = {
  malformedBody: { contentType: 'application/json', body: '{"resource": {"records": [{"uuid": ' },
  name: 'flowize',
  seed: seedFlowize,
  routes,
  env: (url) => ({
    FLOWIZE_BASE_URL: `${url}/v1`,
    FLOWIZE_CLIENT_ID: SANDBOX_CREDENTIALS.clientId,
    FLOWIZE_CLIENT_SECRET: SANDBOX_CREDENTIALS.clientSecret,
    FLOWIZE_API_KEY: SANDBOX_CREDENTIALS.apiKey,
    FLOWIZE_APP_KEY: SANDBOX_CREDENTIALS.appKey,
    FLOWIZE_ORG_API_KEY: SANDBOX_CREDENTIALS.orgApiKey,
    FLOWIZE_SOAP_URL: `${url}/soap`,
  }),
  rateLimit: {
    limit: 5000,
    windowMs: 60_000,
    body: { resource: [], error: { code: 429, message: 'Too many requests.' } },
  },
  actions: {
    /** Every issued access token expires now (refresh tokens stay valid). */
    expireTokens: (state) => {
      for (const entry of state.tokens.values()) entry.expiresAt = Math.floor(Date.now() / 1000) - 1;
    },
    /** Every access token is revoked: only a new login helps. */
    revokeTokens: (state) => state.tokens.clear(),
    /** The next SOAP request is handled, then its answer is lost (the connection drops). */
    loseSoapAnswer: (state) => loseNextSoapAnswer(state),
    /** Flowize starts refusing the caller's IP (403/437). */
    blockIp: (state) => {
      state.blockedIp = true;
    },
    /** Every environment operation under way finishes now (seen on the next read). */
    finishEnvironmentOperations: (state) => {
      for (const env of state.environments) if (env.readyAt !== undefined) env.readyAt = 0;
    },
  },
};
