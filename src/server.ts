/**
 * createServer(config): merges the schema, wires resolvers, plugins and formatError, and builds
 * the request listener: POST /graphql straight to its handlers (src/http-handlers.ts), everything
 * else through an Express app. It does not listen; src/index.ts and the tests do.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { apolloHandler } from './apollo-handler.js';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config.js';
import { contextFactory, type GatewayContext } from './context.js';
import { createFormatError, GatewayError } from './errors.js';
import { buildVendorSubgraph } from './federation.js';
import { isGraphqlPath, runHandlers, sendError, type HttpErrorHandler, type HttpHandler } from './http-handlers.js';
import type { Clock } from './http/clock.js';
import { HttpObservers } from './http/observers.js';
import { bindScope, RequestScope, scopeOf } from './http/scope.js';
import { SharedHttpState } from './http/shared.js';
import type { KeyValueStore } from './http/store.js';
import { LoaderKit } from './kit/loaders.js';
import type { AnyVendorModule } from './kit/vendor.js';
import { createLogger, type Logger } from './logger.js';
import { createObservability, type Observability } from './observability/index.js';
import { baseResolvers } from './resolvers.js';
import { createSecurity } from './security/index.js';
import { Redactor } from './redact.js';
import { createRegistry, createStore, type VendorRegistry } from './runtime.js';

export const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** The SDL of every `schema/*.graphql`, merged into one document. */
export function loadTypeDefs() {
  const files = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  return mergeTypeDefs(files.map((f) => readFileSync(SCHEMA_DIR + f, 'utf8')));
}

const RESOLVER_VALIDATION = {
  requireResolversToMatchSchema: 'error',
  requireResolversForResolveType: 'error',
} as const;

/**
 * The executable schema. Resolvers are checked strictly: a resolver for a field that does not
 * exist fails the boot (graphql-tools' `requireResolversToMatchSchema: 'error'`). With
 * `federation`, it is an Apollo Federation 2 subgraph schema (src/federation.ts).
 */
export function buildSchema(
  vendors: readonly AnyVendorModule[],
  extraResolvers: Record<string, unknown>[] = [],
  options: { federation?: boolean } = {},
): GraphQLSchema {
  const resolvers = [baseResolvers, ...vendors.map((v) => v.resolvers), ...extraResolvers];
  if (options.federation) return buildVendorSubgraph(loadTypeDefs(), vendors, resolvers, RESOLVER_VALIDATION);
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: resolvers as never,
    resolverValidationOptions: RESOLVER_VALIDATION,
  });
}

export interface ServerOptions {
  /** The vendors this gateway serves (the composition root's list). */
  vendors: readonly AnyVendorModule[];
  logger?: Logger;
  /** The gateway's redactor (the logger's, when one is passed); built from the config otherwise. */
  redactor?: Redactor;
  /** Vendors answered by a built-in simulator (reported as SANDBOX). */
  simulated?: readonly string[];
  /** Where shared state lives (a cluster worker's store in the primary); built from the config when absent. */
  store?: KeyValueStore;
  /** The time vendor calls wait on (tests pass one that costs no real time). */
  clock?: Clock;
}

export interface GatewayServer {
  /** The gateway's request listener (for `http.createServer`). */
  app: RequestListener;
  apollo: ApolloServer<GatewayContext>;
  registry: VendorRegistry;
  logger: Logger;
  /** This gateway's secrets, stripped from every message and log line. */
  redactor: Redactor;
  /** Metrics, tracing and the operator routes. */
  observability: Observability;
  /** Where this gateway's shared state lives (memory, Redis or a cluster primary). */
  store: KeyValueStore;
  /** Stops Apollo Server (the HTTP listener belongs to the caller). */
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Adds `extensions[key]` to single responses when `pick` finds something for the request:
 * `upstream` (the debug accounting of vendor calls, for requests that asked for it) and `stale`
 * (always, when cached data stood in for a failing vendor, so a client can tell:
 * `[{ vendor, operation, ageSeconds }]`).
 */
function extensionPlugin(key: string, pick: (context: GatewayContext) => unknown): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const value = pick(contextValue);
          if (value === undefined || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, [key]: value };
        },
      };
    },
  };
}

const upstreamAccountingPlugin = () =>
  extensionPlugin('upstream', (context) => (context.debug ? context.scope.upstream : undefined));
const staleDataPlugin = () =>
  extensionPlugin('stale', (context) => (context.scope.stale.length > 0 ? context.scope.stale : undefined));

/**
 * Marks every GraphQL answer `Cache-Control: no-store` (answers depend on the caller's role and
 * carry vendor data). This replaces Apollo's cache-control plugin, which sent the same header but
 * wrapped every field resolver to collect cache hints the gateway never sets: per-field work that
 * the benchmarks' fan-out profiles showed on every list item.
 */
function noStorePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

/** Logs what was masked, so operators see what clients cannot. */
function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = error.originalError;
            if (original instanceof GatewayError && original.code !== 'INTERNAL_SERVER_ERROR') {
              logger.info(
                {
                  requestId: contextValue?.requestId,
                  code: original.code,
                  vendor: original.extensions.vendor,
                  path: error.path,
                },
                original.message,
              );
            } else if (
              original &&
              !(original instanceof GatewayError && original.code === 'INTERNAL_SERVER_ERROR' && !original.cause)
            ) {
              logger.error(
                { requestId: contextValue?.requestId, err: original.cause ?? original, path: error.path },
                'unexpected resolver error',
              );
            }
          }
        },
      };
    },
  };
}

/** The HTTP status an error carries (body-parser's `status`), 500 for anything else. */
function statusOf(error: unknown): number {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | undefined)?.status ??
    (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** Builds the gateway for `config` (vendors already pointed at simulators in sandbox mode). */
export async function createServer(config: Config, options: ServerOptions): Promise<GatewayServer> {
  const redactor = options.redactor ?? new Redactor(config.secrets);
  for (const secret of config.secrets ?? []) redactor.add(secret);
  const logger = options.logger ?? createLogger(config.logLevel, undefined, redactor);
  const store = options.store ?? (await createStore(config, logger));
  const observers = new HttpObservers();
  // One per gateway: every vendor's calls share the store, the breakers and the calls in flight.
  const shared = new SharedHttpState(store, observers, options.clock);
  const registry = createRegistry(config, options.vendors, {
    logger,
    simulated: options.simulated ?? [],
    shared,
    redactor,
  });
  const createContext = contextFactory(registry, new LoaderKit(config.naiveLoaders ?? false));
  const observability = await createObservability(config.observability, { registry, logger, observers });
  const security = createSecurity(config, logger, store);
  const apollo = new ApolloServer<GatewayContext>({
    schema: security.protect(buildSchema(options.vendors, [], { federation: config.federation })),
    formatError: createFormatError(redactor),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The gateway's drain owns SIGTERM/SIGINT (src/lifecycle/shutdown.ts).
    stopOnTerminationSignals: false,
    // Introspection, batching, depth/alias/directive rules and the token limit (src/security/).
    introspection: security.apollo.introspection,
    allowBatchedHttpRequests: security.apollo.allowBatchedHttpRequests,
    validationRules: security.apollo.validationRules,
    parseOptions: security.apollo.parseOptions,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      upstreamAccountingPlugin(),
      staleDataPlugin(),
      errorLoggingPlugin(logger),
      ...observability.plugins,
      ...(security.apollo.plugins as ApolloServerPlugin<GatewayContext>[]),
    ],
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Express hashes every body it sends for an ETag; GraphQL answers are no-store, so that was a
  // SHA-1 of every response for nothing (visible in the profile of large answers).
  app.set('etag', false);
  const graphql: HttpHandler[] = [
    security.parseBody,
    (req, res, next) => {
      const given = req.headers['x-request-id'];
      const scope = new RequestScope(typeof given === 'string' && REQUEST_ID.test(given) ? given : undefined, {
        timeoutMs: config.operation?.timeoutMs,
        upstreamBudget: config.operation?.upstreamBudget,
      });
      bindScope(res, scope);
      next();
    },
    security.guard,
    observability.requestMiddleware,
    apolloHandler(apollo, async (req, res) => {
      const scope = scopeOf(res) ?? new RequestScope();
      const identity = security.identityOf(res);
      // The guard sets it before Apollo runs an operation (it lets only OPTIONS through unset).
      if (!identity) throw new GatewayError('UNAUTHENTICATED', 'The request was not authenticated');
      const debug = config.debugAllowed && req.headers['x-vendorgraph-debug'] === '1';
      return createContext(scope, debug, identity);
    }),
  ];
  /**
   * An error no handler answered: logged, and answered without its details. (Four parameters:
   * Express tells error handlers by their arity.)
   */
  const unanswered: HttpErrorHandler = (error, req, res, _next) => {
    if (res.headersSent) {
      logger.error({ err: error, method: req.method, url: req.url }, 'request failed after its answer started');
      res.destroy();
      return;
    }
    const status = statusOf(error);
    if (status < 500) return sendError(res, status, 'BAD_USER_INPUT', 'The request could not be read');
    logger.error({ err: error, method: req.method, url: req.url }, 'request failed');
    sendError(res, status, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
  // POST /graphql, nearly every request, runs its handlers without Express (src/http-handlers.ts).
  const postGraphql = runHandlers(graphql, [security.errorHandler], (error, req, res) =>
    error === undefined ? sendError(res, 404, 'NOT_FOUND', 'Not found') : unanswered(error, req, res, () => {}),
  );
  app.use(observability.routes);
  // GraphiQL is off in live mode by default: its module is loaded only when it is served.
  if (config.observability?.graphiql ?? true) {
    const { graphiqlRoutes } = await import('./graphiql/index.js');
    app.use(graphiqlRoutes({ debugHeader: config.debugAllowed }));
  }
  // GET queries (GraphQL over HTTP), other methods and other spellings of the path (Express
  // matches /GraphQL and /graphql/ too): the same handlers, for Apollo to answer.
  app.use('/graphql', ...graphql);
  app.use(security.errorHandler, unanswered);
  const listener: RequestListener = (req, res) => {
    if (req.method === 'POST' && isGraphqlPath(req.url)) postGraphql(req, res);
    else app(req, res);
  };
  return {
    app: listener,
    apollo,
    registry,
    logger,
    redactor,
    observability,
    store,
    async stop() {
      await apollo.stop();
      await observability.stop();
      shared.shutdown();
      await store.close?.();
    },
  };
}
