/**
 * The gateway's front door, assembled from config: the Express handlers that run before Apollo on
 * /graphql (body size, authentication, per-client rate limit, batch size), the Apollo options
 * (introspection, validation rules, token limit, cost limit) and the schema transform that
 * enforces roles. src/server.ts wires these in; docs/security.md explains them.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ServerResponse } from 'node:http';
import express from 'express';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Config } from '../config.js';
import { clientAddress, sendError, type HttpErrorHandler, type HttpHandler } from '../http-handlers.js';
import type { KeyValueStore } from '../http/store.js';
import type { Logger } from '../logger.js';
import { AuthenticationError, Authenticator } from './auth.js';
import { AuthFailureThrottle, presentedKeyPrefix } from './auth-throttle.js';
import { defaultSecurity, type SecurityConfig } from './config.js';
import { ClientRateLimiter, costLimitPlugin, hideSuggestionsPlugin, limitRules, rateLimitKey } from './limits.js';
import type { Identity } from './roles.js';
import { protectSchema } from './schema.js';
import { configureVendorResponseLimits } from './vendor-responses.js';

export { hashApiKey } from './auth.js';
export type { Identity, Role } from './roles.js';

export interface Security {
  settings: SecurityConfig;
  /** Parses JSON bodies up to the configured size (replaces a plain `express.json()`). */
  parseBody: HttpHandler;
  /** Authenticates the caller, applies its rate limit and the batch limit; answers 401/429/400 itself. */
  guard: HttpHandler;
  /** Turns body-parser failures (too large, malformed) into coded GraphQL errors. */
  errorHandler: HttpErrorHandler;
  /** The caller `guard` established for this response. */
  identityOf(res: ServerResponse): Identity | undefined;
  /** The schema with role checks and field costs. */
  protect(schema: GraphQLSchema): GraphQLSchema;
  /** Options for `new ApolloServer(…)`. */
  apollo: {
    introspection: boolean;
    allowBatchedHttpRequests: boolean;
    validationRules: ValidationRule[];
    parseOptions: { maxTokens: number };
    plugins: ApolloServerPlugin<{ debug?: boolean }>[];
  };
}

/** The caller `guard` established, per response (the handlers run on plain node:http responses). */
const identities = new WeakMap<ServerResponse, Identity>();

/** Builds the security layer for `config`, logging how the gateway is protected; `store` holds the per-client counts. */
export function createSecurity(config: Config, logger: Logger, store?: KeyValueStore): Security {
  const settings = config.security ?? defaultSecurity(config.mode);
  const { limits } = settings;
  const authenticator = new Authenticator(settings);
  // Counted in the gateway's store: once per caller across workers and instances sharing it.
  const rateLimiter = new ClientRateLimiter(limits.rateLimitPerMinute, store);
  const authThrottle = new AuthFailureThrottle({
    failuresPerSource: limits.authFailuresPerMinute,
    failuresPerPrefix: limits.authFailuresPerPrefix,
  });
  configureVendorResponseLimits({ maxBytes: limits.maxResponseBytes, maxDepth: limits.maxResponseDepth });

  if (settings.auth === 'open') {
    const where = config.mode === 'live' ? 'LIVE mode (VENDORGRAPH_AUTH=open)' : 'sandbox mode';
    logger.warn(
      { auth: 'open', mode: config.mode },
      `client authentication is OFF in ${where}: requests without credentials act as admin`,
    );
  } else if (settings.apiKeys.length === 0 && !settings.jwt) {
    logger.warn(
      { auth: 'required' },
      'no client API keys or JWT settings are configured: every GraphQL request is refused with 401',
    );
  } else {
    logger.info(
      {
        auth: 'required',
        apiKeys: settings.apiKeys.length,
        jwt: settings.jwt ? (settings.jwt.secret ? 'secret' : settings.jwt.jwks ? 'jwks-file' : 'jwks-url') : 'off',
      },
      'client authentication is required',
    );
  }

  const guard: HttpHandler = (req, res, next) => {
    if (req.method === 'OPTIONS') return next();
    void (async () => {
      let identity: Identity;
      const ip = clientAddress(req);
      const source = ip ?? 'unknown';
      const prefix = presentedKeyPrefix(req.headers);
      // Online guessing: a source (or a prefix, for sources that failed too) over its failure budget is refused unchecked.
      const throttled = await authThrottle.check(source, prefix);
      if (throttled) {
        logger.warn(
          { ip: source, by: throttled.reason, retryAfterS: throttled.retryAfterS },
          'client authentication throttled after repeated failures',
        );
        sendError(
          res,
          429,
          'RATE_LIMITED',
          `Too many failed authentication attempts; retry in ${throttled.retryAfterS} s`,
          { 'Retry-After': String(throttled.retryAfterS) },
        );
        return;
      }
      try {
        identity = await authenticator.authenticate(req.headers);
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        // Only a credential that was presented and wrong is a guess; a request without one is not.
        if (req.headers['x-api-key'] !== undefined || req.headers.authorization !== undefined)
          await authThrottle.failed(source, prefix);
        logger.info({ ip, reason: error.message }, 'client authentication failed');
        sendError(res, 401, 'UNAUTHENTICATED', error.message, {
          'WWW-Authenticate': 'Bearer realm="vendorgraph", ApiKey realm="vendorgraph"',
        });
        return;
      }
      const wait = await rateLimiter.take(rateLimitKey(identity, ip));
      if (wait > 0) {
        logger.info({ client: identity.name, kind: identity.kind }, 'client rate limit reached');
        sendError(
          res,
          429,
          'RATE_LIMITED',
          `Rate limit of ${limits.rateLimitPerMinute} requests per minute reached; retry in ${wait} s`,
          { 'Retry-After': String(wait) },
        );
        return;
      }
      if (Array.isArray(req.body)) {
        const n = req.body.length;
        if (limits.maxBatch <= 1 || n === 0 || n > limits.maxBatch) {
          const message =
            limits.maxBatch <= 1
              ? 'Batched operations are disabled: send one operation per request'
              : `A batch holds 1 to ${limits.maxBatch} operations (got ${n})`;
          sendError(res, 400, 'BAD_USER_INPUT', message);
          return;
        }
      }
      identities.set(res, identity);
      next();
    })().catch(next);
  };

  const errorHandler: HttpErrorHandler = (err, _req, res, next) => {
    const type = (err as { type?: string } | undefined)?.type;
    if (type === 'entity.too.large')
      return sendError(res, 413, 'BAD_USER_INPUT', `The request body is larger than ${limits.maxBodyBytes} bytes`);
    if (type === 'entity.parse.failed')
      return sendError(res, 400, 'BAD_USER_INPUT', 'The request body is not valid JSON');
    if (type === 'encoding.unsupported' || type === 'charset.unsupported')
      return sendError(res, 415, 'BAD_USER_INPUT', 'The request body encoding is not supported');
    if (type === 'request.aborted') return;
    next(err);
  };

  const plugins: ApolloServerPlugin<{ debug?: boolean }>[] = [costLimitPlugin(limits)];
  if (!settings.introspection) plugins.push(hideSuggestionsPlugin() as ApolloServerPlugin<{ debug?: boolean }>);

  return {
    settings,
    parseBody: express.json({ limit: limits.maxBodyBytes }) as HttpHandler,
    guard,
    errorHandler,
    identityOf: (res) => identities.get(res),
    protect: (schema) =>
      protectSchema(
        schema,
        { vendorFieldCost: limits.vendorFieldCost, defaultPageSize: limits.defaultPageSize },
        limits.maxResponseDepth,
      ),
    apollo: {
      introspection: settings.introspection,
      allowBatchedHttpRequests: limits.maxBatch > 1,
      validationRules: limitRules(limits),
      parseOptions: { maxTokens: limits.maxTokens },
      plugins,
    },
  };
}
