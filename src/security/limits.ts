/**
 * Request limits: what one HTTP request may ask of the gateway. Depth, aliases and directives are
 * validation rules from GraphQL Armor; tokens are counted by graphql-js while parsing
 * (`parseOptions.maxTokens`); the query cost is computed by graphql-query-complexity from the
 * costs {@link protectSchema} put on every field; the per-client rate limit is a
 * rate-limiter-flexible bucket. Every rejection is a coded GraphQL error with an HTTP status.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { KeyValueStore, PointsLimiter } from '../http/store.js';
import type { RequestLimits } from './config.js';
import { cachedCost } from './cost-cache.js';
import { maxLiteralDepthRule } from './literal-limits.js';
import type { Identity } from './roles.js';

/** Reports an Armor rejection as a validation error instead of throwing out of `validate`. */
const report = [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)];

/** The validation rules for depth, aliases, directives and the nesting of inline literals. */
export function limitRules(limits: RequestLimits): ValidationRule[] {
  const common = { propagateOnRejection: false, onReject: report, exposeLimits: true };
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }),
    maxAliasesRule({ ...common, n: limits.maxAliases }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives }),
    maxLiteralDepthRule(limits.maxResponseDepth),
  ] as ValidationRule[];
}

/** A caller mistake rejected before execution, answered with `status`. */
export function rejection(message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status } } });
}

/** Rejects operations whose cost (with their variables) exceeds `limits.maxCost`. */
export function costLimitPlugin(limits: RequestLimits): ApolloServerPlugin<{ debug?: boolean }> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          try {
            const variables = request.variables ?? {};
            cost = cachedCost(schema, document, operationName ?? undefined, variables, () =>
              getComplexity({
                schema,
                query: document,
                variables,
                operationName: operationName ?? undefined,
                estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 0 })],
              }),
            );
          } catch (error) {
            // graphql-query-complexity refuses documents with too many nodes (fragment bombs).
            if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
              throw rejection(`The operation is too large to evaluate: ${error.message}`);
            }
            // Variable and argument errors, and list bounds (src/security/list-size.ts), keep their own message.
            if (error instanceof GraphQLError) throw rejection(error.message);
            throw error;
          }
          if (cost > limits.maxCost) {
            throw rejection(
              `The operation costs ${cost}, more than the maximum of ${limits.maxCost}: ask for smaller pages or fewer fields`,
            );
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.debug || cost === undefined || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: { requested: cost, maximum: limits.maxCost },
          };
        },
      };
    },
  };
}

/** What a caller reads when introspection is off: the setting, not Apollo Server's internals. */
export const INTROSPECTION_OFF_MESSAGE =
  'Introspection is turned off on this gateway (VENDORGRAPH_INTROSPECTION=false): use the published schema.graphql, or ask its operators to set VENDORGRAPH_INTROSPECTION=true';

/**
 * Without introspection, "Did you mean …?" hints would leak the schema one field at a time; and
 * Apollo's refusal ("pass introspection: true to ApolloServer") names a setting callers cannot use.
 */
export function hideSuggestionsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const message = /introspection is not allowed/i.test(error.message)
              ? INTROSPECTION_OFF_MESSAGE
              : error.message.replace(/ ?Did you mean .*\?$/, '');
            (error as { message: string }).message = message;
          }
        },
      };
    },
  };
}

/** The rate-limit key of a caller: its API key name, its token subject, or its address. */
export function rateLimitKey(identity: Identity, ip: string | undefined): string {
  if (identity.kind === 'anonymous') return `ip:${ip ?? 'unknown'}`;
  return `${identity.kind}:${identity.name}`;
}

/**
 * Counts requests per caller per minute; `take` answers how long to wait when the budget is spent.
 * The count lives in the gateway's store, so workers and instances sharing it count each caller
 * once (RateLimiterRedis with Redis, the cluster primary for workers, RateLimiterMemory alone).
 */
export class ClientRateLimiter {
  readonly #limiter?: PointsLimiter;

  constructor(perMinute: number, store?: KeyValueStore) {
    if (perMinute <= 0) return;
    const options = { keyPrefix: 'client-rate', points: perMinute, durationS: 60 };
    this.#limiter = store
      ? store.pointsLimiter(options)
      : new RateLimiterMemory({ keyPrefix: options.keyPrefix, points: perMinute, duration: 60 });
  }

  /** Takes one request from `key`'s budget; resolves to the seconds to wait, or 0 when allowed. */
  async take(key: string): Promise<number> {
    if (!this.#limiter) return 0;
    try {
      await this.#limiter.consume(key);
      return 0;
    } catch (result) {
      if (result instanceof RateLimiterRes) return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      throw result;
    }
  }
}
