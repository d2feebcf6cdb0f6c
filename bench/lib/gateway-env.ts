/**
 * The environment every benchmark tool starts the gateway with (bench/run.ts, profile.ts,
 * compare.ts): one definition, so the tools measure the same gateway.
 */
import { hashApiKey } from '../../src/security/auth.js';

export function benchGatewayEnv(
  keys: readonly { name: string; key: string }[],
  sandboxEnv: Record<string, string>,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // As production runs it (graphql-js and Express take their production paths); the mode is
    // chosen explicitly, so NODE_ENV does not switch the gateway to live mode.
    NODE_ENV: 'production',
    VENDORGRAPH_MODE: 'sandbox',
    PORT: '0',
    HOST: '127.0.0.1',
    // The default level: one request log line per operation, as operators run it (to /dev/null).
    LOG_LEVEL: 'info',
    // Client authentication on, as in production: every request carries an API key (operator role).
    VENDORGRAPH_AUTH: 'required',
    VENDORGRAPH_API_KEYS: keys.map((k) => `${k.name}:operator:${hashApiKey(k.key)}`).join(','),
    // The naive build makes one call per row: 250 table rows must fit in one operation's budget.
    VENDORGRAPH_UPSTREAM_BUDGET: '1000',
    // The aliased table-row scenario sends 50 aliases (the default limit is 15).
    VENDORGRAPH_MAX_ALIASES: '100',
    // The soak injects hangs: a hung vendor call is given up after 2 s instead of 10 s.
    VENDORGRAPH_RESPONSE_TIMEOUT_MS: '2000',
    VENDORGRAPH_REQUEST_TIMEOUT_MS: '4000',
    ...sandboxEnv,
    ...extra,
  };
}
