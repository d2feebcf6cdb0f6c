/**
 * PhixFlow settings: the server, the API key and its header, and the endpoint list file
 * (PHIXFLOW_CONFIG, JSON or YAML) naming every actionflow the gateway may call. PhixFlow has no
 * fixed resource model — each customer exposes their own actionflows — so only configured
 * endpoints exist for the gateway; a client never supplies a URL.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { parse } from 'yaml';
import { z } from 'zod';
import { bool, fallback, requireVars, typed } from '../../env-schema.js';
import { apiRoot, baseUrlVar, textVar, vendorConfig } from '../../kit/vendor-config.js';
import type { SettingsResult } from '../../kit/vendor.js';

const require = createRequire(import.meta.url);

/**
 * The YAML parser, loaded by the first YAML endpoint file rather than with this module: a gateway
 * whose endpoint file is JSON (or that has no PhixFlow) never needs it. `yaml` is CommonJS under
 * Node, so a synchronous `require` keeps configuration loading synchronous.
 */
function parseYaml(text: string): unknown {
  return (require('yaml') as { parse: typeof parse }).parse(text);
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headerName = z.string().regex(HEADER_NAME, 'expected an HTTP header name');

/** The documented defaults: the vendor's own timeouts, and the gateway's choices where docs are silent. */
export const PHIXFLOW_DEFAULTS = {
  /** The vendor doc truncates the header name; the gateway sends `Authorization: Bearer <key>` unless told otherwise. */
  authHeader: 'Authorization',
  method: 'POST',
  /** PhixFlow's default for "wait for result". */
  syncTimeoutMs: 60_000,
  /** Extra time the gateway waits past the vendor's own timeout before giving up. */
  timeoutGraceMs: 5_000,
  /** The status-poll URL is not published: a template relative to the base URL. */
  pollUrl: 'api/1/action/status/{processId}',
  /** How long a server-side poll may run before answering PENDING. */
  pollDeadlineMs: 30_000,
  pollIntervalMs: 250,
  pollMaxIntervalMs: 2_000,
  /** Records one per-record invocation may carry. */
  maxRecords: 500,
  /** Records of one per-record invocation sent at once. */
  recordConcurrency: 4,
} as const;

const PLACEHOLDERS = new Set(['processId', 'application', 'name', 'alias', 'path']);

const pollTemplate = z
  .string()
  .min(1)
  .refine(
    (t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('//'),
    'expected a path relative to PHIXFLOW_BASE_URL, not a URL',
  )
  .refine((t) => t.includes('{processId}'), 'expected a {processId} placeholder')
  .refine(
    (t) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => PLACEHOLDERS.has(m[1])),
    'placeholders are {processId}, {application}, {name}, {alias}, {path}',
  );

const field = z.union([
  z.string().transform((description) => ({ description })),
  z
    .object({ type: z.string().optional(), required: z.boolean().optional(), description: z.string().optional() })
    .strict(),
]);

const positiveMs = z.number().int().positive();

const endpointOptions = {
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  timeoutMs: positiveMs.optional(),
  timeoutGraceMs: z.number().int().min(0).optional(),
  pollUrl: pollTemplate.optional(),
  pollDeadlineMs: positiveMs.optional(),
  pollIntervalMs: positiveMs.optional(),
  authHeader: headerName.optional(),
};

const endpointSchema = z
  .object({
    /** The PhixFlow application (11.x URL form); omit for the v10 form. */
    application: z.string().min(1).optional(),
    /** The API endpoint (actionflow) name. */
    name: z.string().min(1).optional(),
    /** The URL alias (11.1.1+): replaces application/name in the path. */
    alias: z.string().min(1).optional(),
    /** wait = "Wait for result" (synchronous); poll = "Poll for result" (asynchronous, returns a process id). */
    mode: z.enum(['wait', 'poll', 'sync', 'async']).optional(),
    /** Send no credential (the endpoint allows anonymous connections). */
    anonymous: z.boolean().optional(),
    description: z.string().optional(),
    inputs: z.record(field).optional(),
    outputs: z.record(field).optional(),
    /** Dotted path of the returned data in the answer (default `data`). */
    dataPath: z
      .string()
      .regex(/^[\w$-]+(\.[\w$-]+)*$/, 'expected a dotted path such as data.Customer')
      .optional(),
    ...endpointOptions,
  })
  .strict()
  .refine((e) => e.name || e.alias, 'an endpoint needs a name or an alias');

const fileSchema = z
  .object({
    defaults: z.object(endpointOptions).strict().optional(),
    /** A configured endpoint the health check invokes; without it the check only reaches the server. */
    healthEndpoint: z.string().optional(),
    endpoints: z.record(
      z.string().regex(/^[A-Za-z][\w.-]*$/, 'endpoint names are letters, digits, _ . -'),
      endpointSchema,
    ),
  })
  .strict()
  .refine(
    (f) => !f.healthEndpoint || f.healthEndpoint in f.endpoints,
    'healthEndpoint must name a configured endpoint',
  );

/** One callable endpoint, everything resolved. */
export interface PhixflowEndpointConfig {
  key: string;
  application?: string;
  name?: string;
  alias?: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  mode: 'wait' | 'poll';
  timeoutMs: number;
  timeoutGraceMs: number;
  pollUrl: string;
  pollDeadlineMs: number;
  pollIntervalMs: number;
  authHeader: string;
  anonymous: boolean;
  description?: string;
  inputs: Record<string, { type?: string; required?: boolean; description?: string }>;
  outputs: Record<string, { type?: string; required?: boolean; description?: string }>;
  dataPath: string;
}

export interface PhixflowEndpointFile {
  endpoints: Record<string, PhixflowEndpointConfig>;
  healthEndpoint?: string;
  /** The template used when a status query names no endpoint. */
  pollUrl: string;
  /** The token header used when a status query names no endpoint. */
  authHeader: string;
}

/** Reads and validates an endpoint file (JSON or YAML); throws an Error whose message names the problem. */
export function loadEndpointFile(
  path: string,
  authHeader: string = PHIXFLOW_DEFAULTS.authHeader,
): PhixflowEndpointFile {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    // The path is not echoed: configuration values never appear in messages (it may name a
    // mounted secret); the variable name in front of this message says which file is meant.
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not readable';
    throw new Error(`cannot read the endpoint file (${reason})`);
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(
      `the endpoint file is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the endpoint file is invalid at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const d = parsed.data.defaults ?? {};
  const endpoints: Record<string, PhixflowEndpointConfig> = {};
  for (const [key, e] of Object.entries(parsed.data.endpoints)) {
    const mode = e.mode === 'poll' || e.mode === 'async' ? 'poll' : 'wait';
    const pollUrl = e.pollUrl ?? d.pollUrl ?? PHIXFLOW_DEFAULTS.pollUrl;
    for (const m of pollUrl.matchAll(/\{(application|name|alias)\}/g)) {
      if (!e[m[1] as 'application' | 'name' | 'alias'])
        throw new Error(
          `the endpoint file is invalid at endpoints.${key}.pollUrl: {${m[1]}} is not set for this endpoint`,
        );
    }
    endpoints[key] = {
      key,
      application: e.application,
      name: e.name,
      alias: e.alias,
      method: e.method ?? d.method ?? PHIXFLOW_DEFAULTS.method,
      mode,
      timeoutMs: e.timeoutMs ?? d.timeoutMs ?? PHIXFLOW_DEFAULTS.syncTimeoutMs,
      timeoutGraceMs: e.timeoutGraceMs ?? d.timeoutGraceMs ?? PHIXFLOW_DEFAULTS.timeoutGraceMs,
      pollUrl,
      pollDeadlineMs: e.pollDeadlineMs ?? d.pollDeadlineMs ?? PHIXFLOW_DEFAULTS.pollDeadlineMs,
      pollIntervalMs: e.pollIntervalMs ?? d.pollIntervalMs ?? PHIXFLOW_DEFAULTS.pollIntervalMs,
      authHeader: e.authHeader ?? d.authHeader ?? authHeader,
      anonymous: e.anonymous ?? false,
      description: e.description,
      inputs: e.inputs ?? {},
      outputs: e.outputs ?? {},
      dataPath: e.dataPath ?? 'data',
    };
  }
  return {
    endpoints,
    healthEndpoint: parsed.data.healthEndpoint,
    pollUrl: d.pollUrl ?? PHIXFLOW_DEFAULTS.pollUrl,
    authHeader: d.authHeader ?? authHeader,
  };
}

export const phixflowEnv = z.object({
  PHIXFLOW_BASE_URL: baseUrlVar(
    'Server root including the instance name, e.g. `https://app.phixflow.com/phixflow`. Required.',
  ),
  PHIXFLOW_API_KEY: textVar(
    'The API token generated for the API user, sent in PHIXFLOW_AUTH_HEADER. Required unless every configured endpoint is `anonymous`.',
  ),
  PHIXFLOW_AUTH_HEADER: fallback(
    typed(
      headerName.describe(
        'Header carrying the token: `Authorization` gets `Bearer <token>`, any other header the bare token.',
      ),
      'HTTP header name',
    ),
    PHIXFLOW_DEFAULTS.authHeader,
  ),
  // Already a boolean when the sandbox re-reads the parsed settings.
  PHIXFLOW_HEALTH_INVOKE: fallback(
    typed(
      z
        .union([z.boolean(), bool])
        .describe(
          "Whether the health check may trigger the endpoint file's `healthEndpoint` actionflow; otherwise a health check (or `vendors { healthy }`) only reaches the server.",
        ),
      'boolean',
    ),
    false,
  ),
  PHIXFLOW_CONFIG: typed(z.string().min(1), 'file path (`.json`, else YAML)')
    .superRefine((path, ctx) => {
      try {
        loadEndpointFile(path);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
      }
    })
    .optional()
    .describe(
      'The endpoint list file (JSON or YAML) naming every actionflow the gateway may call; validated at startup. Required.',
    ),
});

export type PhixflowEnv = z.infer<typeof phixflowEnv>;

export interface PhixflowSettings {
  baseUrl: string;
  apiKey?: string;
  file: PhixflowEndpointFile;
  /** PHIXFLOW_HEALTH_INVOKE: the health check triggers `file.healthEndpoint`. */
  healthInvoke?: boolean;
}

export const PHIXFLOW_SECRETS = ['PHIXFLOW_API_KEY'] as const;

/** Reads the settings, naming the variables that are still missing. */
export function phixflowSettings(env: PhixflowEnv): SettingsResult<PhixflowSettings> {
  const required = requireVars(env, ['PHIXFLOW_BASE_URL', 'PHIXFLOW_CONFIG']);
  if ('missing' in required) return required;
  const { values } = required;
  const file = loadEndpointFile(values.PHIXFLOW_CONFIG, env.PHIXFLOW_AUTH_HEADER ?? PHIXFLOW_DEFAULTS.authHeader);
  if (Object.values(file.endpoints).some((e) => !e.anonymous)) {
    const keyed = requireVars(env, ['PHIXFLOW_API_KEY']);
    if ('missing' in keyed) return keyed;
  }
  return {
    settings: {
      baseUrl: apiRoot(values.PHIXFLOW_BASE_URL),
      apiKey: env.PHIXFLOW_API_KEY,
      file,
      healthInvoke: env.PHIXFLOW_HEALTH_INVOKE ?? false,
    },
  };
}

/** The phixflow configuration part of the vendor module: variables, secrets, base-URL variable, settings. */
export const phixflowConfig = vendorConfig('phixflow', phixflowEnv, PHIXFLOW_SECRETS, (env) => phixflowSettings(env));
