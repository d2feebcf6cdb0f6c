/**
 * One structured log line per GraphQL request: request id, operation, duration, error codes and
 * what it cost upstream — the line an operator greps for when a client quotes its request id.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import type { Logger } from '../logger.js';

/** Logs each GraphQL request once, when its response is sent. */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let operationType: string | undefined;
      let operationName: string | undefined;
      return {
        async didResolveOperation({ operation, operationName: name }) {
          operationType = operation?.operation;
          operationName = name ?? undefined;
        },
        async willSendResponse({ response, contextValue }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          logger.info(
            {
              requestId: contextValue?.requestId,
              operationType,
              operationName,
              durationMs: Math.round(performance.now() - started),
              status: response.http.status ?? 200,
              errorCodes:
                errors.length > 0
                  ? [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))]
                  : undefined,
              upstream: contextValue?.scope?.upstream,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
