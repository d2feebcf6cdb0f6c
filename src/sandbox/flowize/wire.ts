/**
 * Flowize simulator — the wire rules every REST route shares, checked before the routes run:
 * credentials in the place their auth mode documents (`Authorization: Bearer` for OAuth2 tokens,
 * `X-Apikey` + `X-App` headers, or `api_key` + `app_key` URL parameters; the organization key in
 * `X-Apikey` for environments; `client_id`/`client_secret`/`grant_type` headers to log in) and a
 * declared, supported Content-Type on every request body. A request that breaks one is recorded
 * as a violation; the route then answers it as Flowize does (the missing credential is refused
 * by the route's own auth check), except an unusable body type, refused here with 415.
 * The SOAP endpoint has its own rules.
 */
import type { NextFunction, Request, Response } from 'express';
import { violation } from '../framework.js';
import { SANDBOX_CREDENTIALS, flowizeError } from './common.js';

/** Header names an API key is often sent under by mistake. */
const MISNAMED_KEY = ['x-api-key', 'api-key', 'apikey', 'api_key', 'x-app-key', 'token'];

const BODY_TYPES = /^(application\/(json|xml|x-www-form-urlencoded)|text\/(xml|plain)|multipart\/form-data)\b/i;

function login(req: Request, res: Response): void {
  const missing = ['client_id', 'client_secret', 'grant_type'].filter((h) => !req.header(h));
  if (missing.length === 0) return;
  const inQuery = missing.filter((h) => req.query[h] !== undefined);
  const dashed = missing.filter((h) => req.header(h.replace('_', '-')));
  if (inQuery.length > 0 || dashed.length > 0) {
    violation(
      res,
      'auth.header-name',
      `${[...inQuery, ...dashed].join(', ')} must be sent as headers named exactly so (underscore, not dash; not in the URL)`,
      401,
    );
  } else {
    violation(res, 'auth.missing', `missing ${missing.join(', ')} header(s)`, 401);
  }
}

function organization(req: Request, res: Response): void {
  if (req.header('x-apikey')) return;
  if (req.header('authorization') || req.query.api_key !== undefined || MISNAMED_KEY.some((h) => req.header(h))) {
    violation(res, 'auth.placement', 'environments take the organization API key in X-Apikey only', 401);
  } else {
    violation(res, 'auth.missing', 'no X-Apikey header', 401);
  }
}

function api(req: Request, res: Response): void {
  const authorization = req.header('authorization');
  if (authorization) {
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
    if (!bearer) violation(res, 'auth.scheme', 'Authorization needs the Bearer scheme and an access token', 403);
    else if (bearer === SANDBOX_CREDENTIALS.apiKey || bearer === SANDBOX_CREDENTIALS.orgApiKey) {
      violation(
        res,
        'auth.placement',
        'an API key sent as a Bearer token; API keys travel in X-Apikey (or api_key)',
        403,
      );
    }
    return;
  }
  if (req.header('x-apikey')) {
    if (!req.header('x-app')) violation(res, 'auth.header-name', 'X-Apikey needs its X-App header', 401);
    return;
  }
  if (req.query.api_key !== undefined) {
    if (req.query.app_key === undefined)
      violation(res, 'auth.header-name', 'api_key needs its app_key URL parameter', 401);
    return;
  }
  const misnamed = MISNAMED_KEY.find((h) => req.header(h));
  if (misnamed)
    violation(res, 'auth.header-name', `an API key in a header named ${misnamed}; Flowize reads X-Apikey`, 401);
  else violation(res, 'auth.missing', 'no credentials (Authorization, X-Apikey or api_key)', 401);
}

/** The middleware: records violations, refuses unusable bodies with 415, else hands over to the route. */
export function flowizeWireRules(req: Request, res: Response, next: NextFunction): void {
  const path = req.path;
  if (!path.startsWith('/v1/') || path === '/v1/soap' || path === '/v1/options' || req.method === 'OPTIONS')
    return next();
  if (path === '/v1/checkauthentication' || path === '/v1/refreshtoken') login(req, res);
  else if (path === '/v1/environment' || path.startsWith('/v1/environment/')) organization(req, res);
  // A webhook's uri is its own credential: it is called without any.
  else if (!path.startsWith('/v1/webhook/')) api(req, res);

  const text = typeof req.body === 'string' ? req.body : '';
  if (text.trim() && req.method !== 'GET' && req.method !== 'HEAD') {
    const type = req.header('content-type') ?? '';
    if (!BODY_TYPES.test(type)) {
      violation(
        res,
        'content-type',
        `a ${req.method} body needs a Content-Type Flowize reads (JSON, XML, text/plain, form data), got ${type ? `"${type}"` : 'none'}`,
        415,
      );
      return flowizeError(res, 415, 'Unsupported Media Type');
    }
  }
  next();
}
