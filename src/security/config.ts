/**
 * The security settings: who may call the gateway (API keys, JWTs, open mode) and the request
 * limits. The variables are part of src/config.ts's `coreEnv`; {@link readSecurity} turns them
 * into a {@link SecurityConfig} once at startup. docs/configuration.md is generated from them.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { bool, fallback, int, typed } from '../env-schema.js';
import { isRole, type Role } from './roles.js';

const list = typed(z.string(), 'comma-separated list').transform((v) =>
  v
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean),
);

/** The variables (keys are variable names); spread into `coreEnv`. */
export const securityEnv = z.object({
  VENDORGRAPH_AUTH: fallback(
    z
      .enum(['open', 'required'], { errorMap: () => ({ message: 'expected open or required' }) })
      .describe(
        '`required` (every request proves who it is) or `open` (requests without credentials act as admin; credentials sent are still verified).',
      ),
    '`open` in sandbox mode without client credentials configured, else `required`',
  ),
  VENDORGRAPH_API_KEYS: typed(z.string(), '`name:role:sha256hex` entries')
    .optional()
    .describe(
      'Client API keys, stored hashed, separated by commas or spaces; create an entry with `npm run hash-key -- <name> <reader|operator|admin>`.',
    ),
  VENDORGRAPH_JWT_SECRET: z
    .string()
    .min(32, 'expected at least 32 characters')
    .optional()
    .describe('Shared HMAC secret (HS256/384/512) for client JWTs; at least 32 characters.'),
  VENDORGRAPH_JWT_JWKS_FILE: typed(z.string().min(1, 'expected a file path'), 'file path')
    .optional()
    .describe('A JSON Web Key Set file with the public keys client JWTs are signed with.'),
  VENDORGRAPH_JWT_JWKS_URL: z
    .string()
    .url('expected an http(s) URL')
    .optional()
    .describe("A JWKS URL (the identity provider's `jwks_uri`); keys are fetched and cached by jose."),
  VENDORGRAPH_JWT_ISSUER: z
    .string()
    .min(1, 'expected an issuer')
    .optional()
    .describe('The `iss` every token must carry (required when JWTs are configured).'),
  VENDORGRAPH_JWT_AUDIENCE: list
    .optional()
    .describe('The `aud` values accepted (comma-separated; required when JWTs are configured).'),
  VENDORGRAPH_JWT_ALGORITHMS: fallback(
    list.describe(
      'Accepted signing algorithms (`none` is never accepted; a shared secret only verifies HS256/384/512).',
    ),
    '`HS256` with a secret; `RS256,PS256,ES256,EdDSA` with keys',
  ),
  VENDORGRAPH_JWT_ROLE_CLAIM: z
    .string()
    .min(1)
    .default('role')
    .describe('The claim holding the role: a string or an array of strings (the highest known role wins).'),
  VENDORGRAPH_JWT_CLOCK_TOLERANCE_S: int('a number of seconds', 0, 300)
    .default(5)
    .describe('Clock skew tolerated on `exp`/`nbf`, in seconds.'),
  VENDORGRAPH_INTROSPECTION: fallback(
    bool.describe('Schema introspection (GraphiQL docs and autocompletion need it).'),
    'on in sandbox mode, off in live mode',
  ),
  VENDORGRAPH_MAX_DEPTH: int('an integer', 1, 1000)
    .default(12)
    .describe('Deepest field nesting an operation may have.'),
  VENDORGRAPH_MAX_ALIASES: int('an integer', 0, 10_000).default(15).describe('Aliases an operation may use.'),
  VENDORGRAPH_MAX_TOKENS: int('an integer', 10, 1_000_000)
    .default(2_000)
    .describe('Lexical tokens a document may have (checked while parsing).'),
  VENDORGRAPH_MAX_DIRECTIVES: int('an integer', 0, 10_000).default(20).describe('Directives an operation may use.'),
  VENDORGRAPH_MAX_BATCH: int('an integer', 1, 100)
    .default(1)
    .describe('Operations in one HTTP request (1 disables batching).'),
  VENDORGRAPH_MAX_COST: int('an integer', 1)
    .default(5_000)
    .describe('Highest query cost an operation may have (docs/security.md says how cost is counted).'),
  VENDORGRAPH_COST_VENDOR_FIELD: int('an integer', 0)
    .default(10)
    .describe('Cost of one field that calls a vendor (vendor namespace fields and mutations).'),
  VENDORGRAPH_COST_DEFAULT_PAGE: int('an integer', 1)
    .default(20)
    .describe('Page size assumed for a connection queried without `first`/`last`.'),
  VENDORGRAPH_MAX_BODY_BYTES: int('a number of bytes', 1_024)
    .default(1_048_576)
    .describe('Largest request body accepted, in bytes.'),
  VENDORGRAPH_RATE_LIMIT_PER_MINUTE: fallback(
    int('an integer', 0).describe(
      'Requests per minute one client (API key name, token subject, or IP when open) may send; 0 disables. Counted per instance.',
    ),
    '`600` in live mode, `0` in sandbox mode',
  ),
  VENDORGRAPH_MAX_RESPONSE_BYTES: int('a number of bytes', 1_024)
    .default(16_777_216)
    .describe('Largest vendor response body read, in bytes.'),
  VENDORGRAPH_MAX_RESPONSE_DEPTH: int('an integer', 2, 10_000)
    .default(128)
    .describe(
      'Deepest nesting of arrays and objects read in a vendor JSON body, and of any `JSON` scalar value going out or coming in.',
    ),
  VENDORGRAPH_AUTH_FAILURES_PER_MINUTE: fallback(
    int('an integer', 0).describe(
      'Failed authentications one source address may make per minute before it gets 429 without its credential being checked; 0 disables.',
    ),
    '`10` in live mode, `0` in sandbox mode',
  ),
  VENDORGRAPH_AUTH_FAILURES_PER_PREFIX: int('an integer', 1)
    .default(20)
    .describe('Failed authentications per minute with one API key prefix (its first 8 characters), across sources.'),
});

export type SecurityEnv = z.infer<typeof securityEnv>;

/** One client API key: the key itself is never stored, only its SHA-256. */
export interface ApiKeyEntry {
  name: string;
  role: Role;
  /** Lower-case hex SHA-256 of the key. */
  sha256: string;
}

export interface JwtSettings {
  secret?: string;
  /** The parsed JWKS file. */
  jwks?: { keys: Record<string, unknown>[] };
  jwksUrl?: string;
  issuer: string;
  audience: string[];
  algorithms: string[];
  roleClaim: string;
  clockToleranceS: number;
}

export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxBatch: number;
  maxCost: number;
  vendorFieldCost: number;
  defaultPageSize: number;
  maxBodyBytes: number;
  /** 0 disables the per-client rate limit. */
  rateLimitPerMinute: number;
  /** Failed authentications per source address per minute (0 disables the throttle). */
  authFailuresPerMinute: number;
  /** Failed authentications per API key prefix per minute. */
  authFailuresPerPrefix: number;
  maxResponseBytes: number;
  maxResponseDepth: number;
}

export interface SecurityConfig {
  /** `open`: requests without credentials act as admin; credentials sent are still verified. */
  auth: 'open' | 'required';
  /** Whether `auth` was set explicitly (an open live gateway is only ever explicit). */
  authExplicit: boolean;
  apiKeys: ApiKeyEntry[];
  jwt?: JwtSettings;
  introspection: boolean;
  limits: RequestLimits;
}

const ENTRY = /^([A-Za-z0-9._-]{1,64}):([a-z]+):([0-9a-fA-F]{64})$/;

/** Parses `name:role:sha256hex` entries; problems name the entry by position, never its value. */
export function parseApiKeys(value: string | undefined): { keys: ApiKeyEntry[]; problems: string[] } {
  const keys: ApiKeyEntry[] = [];
  const problems: string[] = [];
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  entries.forEach((entry, i) => {
    const m = ENTRY.exec(entry);
    if (!m) {
      problems.push(
        `VENDORGRAPH_API_KEYS: entry ${i + 1} is not name:role:sha256hex (create one with npm run hash-key)`,
      );
      return;
    }
    const [, name, role, hash] = m;
    if (!isRole(role))
      problems.push(`VENDORGRAPH_API_KEYS: entry ${i + 1} has role "${role}", expected reader, operator or admin`);
    else if (keys.some((k) => k.name === name))
      problems.push(`VENDORGRAPH_API_KEYS: entry ${i + 1} repeats the name "${name}"`);
    else keys.push({ name, role, sha256: hash.toLowerCase() });
  });
  return { keys, problems };
}

function readJwks(path: string, problems: string[]): JwtSettings['jwks'] {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { keys?: unknown };
    if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error('no keys');
    return parsed as JwtSettings['jwks'];
  } catch {
    problems.push('VENDORGRAPH_JWT_JWKS_FILE: expected a readable JSON Web Key Set file ({"keys": [...]})');
    return undefined;
  }
}

/** Turns validated variables into the security settings; `problems` name variables, never values. */
export function readSecurity(
  env: SecurityEnv,
  mode: 'sandbox' | 'live',
): { security: SecurityConfig; problems: string[] } {
  const { keys, problems } = parseApiKeys(env.VENDORGRAPH_API_KEYS);
  let jwt: JwtSettings | undefined;
  const sources = [env.VENDORGRAPH_JWT_SECRET, env.VENDORGRAPH_JWT_JWKS_FILE, env.VENDORGRAPH_JWT_JWKS_URL].filter(
    Boolean,
  ).length;
  if (sources > 1)
    problems.push(
      'VENDORGRAPH_JWT_SECRET / VENDORGRAPH_JWT_JWKS_FILE / VENDORGRAPH_JWT_JWKS_URL: expected only one of them',
    );
  if (sources > 0) {
    // Without issuer and audience a token minted for another service would be accepted here.
    if (!env.VENDORGRAPH_JWT_ISSUER) problems.push('VENDORGRAPH_JWT_ISSUER: required when client JWTs are configured');
    if (!env.VENDORGRAPH_JWT_AUDIENCE?.length)
      problems.push('VENDORGRAPH_JWT_AUDIENCE: required when client JWTs are configured');
    const symmetric = Boolean(env.VENDORGRAPH_JWT_SECRET);
    const algorithms = env.VENDORGRAPH_JWT_ALGORITHMS ?? (symmetric ? ['HS256'] : ['RS256', 'PS256', 'ES256', 'EdDSA']);
    if (algorithms.some((a) => a.toLowerCase() === 'none'))
      problems.push('VENDORGRAPH_JWT_ALGORITHMS: "none" is never accepted');
    if (symmetric && algorithms.some((a) => !/^HS(256|384|512)$/.test(a)))
      problems.push('VENDORGRAPH_JWT_ALGORITHMS: a shared secret only verifies HS256, HS384 or HS512');
    jwt = {
      secret: env.VENDORGRAPH_JWT_SECRET,
      jwks: env.VENDORGRAPH_JWT_JWKS_FILE ? readJwks(env.VENDORGRAPH_JWT_JWKS_FILE, problems) : undefined,
      jwksUrl: env.VENDORGRAPH_JWT_JWKS_URL,
      issuer: env.VENDORGRAPH_JWT_ISSUER ?? '',
      audience: env.VENDORGRAPH_JWT_AUDIENCE ?? [],
      algorithms,
      roleClaim: env.VENDORGRAPH_JWT_ROLE_CLAIM,
      clockToleranceS: env.VENDORGRAPH_JWT_CLOCK_TOLERANCE_S,
    };
  }
  const hasCredentials = keys.length > 0 || jwt !== undefined;
  // Sandbox without any client credential runs open; live never does unless told to.
  const auth = env.VENDORGRAPH_AUTH ?? (mode === 'sandbox' && !hasCredentials ? 'open' : 'required');
  const security: SecurityConfig = {
    auth,
    authExplicit: env.VENDORGRAPH_AUTH !== undefined,
    apiKeys: keys,
    jwt,
    introspection: env.VENDORGRAPH_INTROSPECTION ?? mode === 'sandbox',
    limits: {
      maxDepth: env.VENDORGRAPH_MAX_DEPTH,
      maxAliases: env.VENDORGRAPH_MAX_ALIASES,
      maxTokens: env.VENDORGRAPH_MAX_TOKENS,
      maxDirectives: env.VENDORGRAPH_MAX_DIRECTIVES,
      maxBatch: env.VENDORGRAPH_MAX_BATCH,
      maxCost: env.VENDORGRAPH_MAX_COST,
      vendorFieldCost: env.VENDORGRAPH_COST_VENDOR_FIELD,
      defaultPageSize: env.VENDORGRAPH_COST_DEFAULT_PAGE,
      maxBodyBytes: env.VENDORGRAPH_MAX_BODY_BYTES,
      rateLimitPerMinute: env.VENDORGRAPH_RATE_LIMIT_PER_MINUTE ?? (mode === 'live' ? 600 : 0),
      authFailuresPerMinute: env.VENDORGRAPH_AUTH_FAILURES_PER_MINUTE ?? (mode === 'live' ? 10 : 0),
      authFailuresPerPrefix: env.VENDORGRAPH_AUTH_FAILURES_PER_PREFIX,
      maxResponseBytes: env.VENDORGRAPH_MAX_RESPONSE_BYTES,
      maxResponseDepth: env.VENDORGRAPH_MAX_RESPONSE_DEPTH,
    },
  };
  return { security, problems };
}

/** The settings of a gateway built without them (tests that hand-build a Config). */
export function defaultSecurity(mode: 'sandbox' | 'live'): SecurityConfig {
  return readSecurity(securityEnv.parse({}), mode).security;
}
