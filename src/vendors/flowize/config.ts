/**
 * Flowize settings from the environment. Three documented auth modes (OAuth2 client credentials,
 * API key headers, URL parameters); environments always use the organization API key. The SOAP
 * endpoint and operation names are not published (no WSDL), so they are configurable.
 */
import { z } from 'zod';
import { fallback, httpUrl, requireVars, timeZone, typed, wholeNumber } from '../../env-schema.js';
import { apiRoot, baseUrlVar, choiceVar, textVar, vendorConfig } from '../../kit/vendor-config.js';
import type { SettingsResult } from '../../kit/vendor.js';

/** Seconds before the OAuth2 token's expiry the gateway refreshes it, when unset. */
const DEFAULT_REFRESH_SKEW_S = 60;

export const flowizeEnv = z.object({
  FLOWIZE_BASE_URL: baseUrlVar('API root including the version, e.g. `https://cloud-api.flowize.com/v1`. Required.'),
  FLOWIZE_AUTH_MODE: fallback(
    choiceVar(
      ['oauth2', 'apikey', 'url'],
      'How the gateway authenticates: `oauth2` (client credentials → Bearer token), `apikey` (`X-Apikey` + `X-App` headers) or `url` (`api_key`/`app_key`/`scopes` and the other X-* parameters as query parameters).',
    ),
    'oauth2',
  ),
  FLOWIZE_CLIENT_ID: textVar('OAuth2 client id (`oauth2` mode; required there).'),
  FLOWIZE_CLIENT_SECRET: textVar('OAuth2 client secret (`oauth2` mode; required there).'),
  FLOWIZE_API_KEY: textVar('API key (`apikey` and `url` modes; required there).'),
  FLOWIZE_APP_KEY: textVar('Application key sent with the API key (`apikey` and `url` modes; required there).'),
  FLOWIZE_ORG_API_KEY: textVar(
    'Organization API key: the Environments API authenticates with it in `X-Apikey`, whatever the auth mode. Without it, environment fields answer VENDOR_NOT_CONFIGURED.',
  ),
  FLOWIZE_SOAP_URL: fallback(
    httpUrl().describe('SOAP endpoint (absolute URL). The WSDL is not published, so it is configurable.'),
    '`<FLOWIZE_BASE_URL>/soap`',
  ),
  FLOWIZE_SOAP_VERSION: fallback(
    choiceVar(
      ['1.1', '1.2'],
      'SOAP version: `1.1` (`text/xml` + `SOAPAction`) or `1.2` (`application/soap+xml; action=…`).',
    ),
    '1.1',
  ),
  FLOWIZE_SOAP_NAMESPACE: fallback(
    z.string().min(1).describe("Target namespace of the SOAP operations (the doc's samples use `Flowize`)."),
    'Flowize',
  ),
  FLOWIZE_SOAP_POST_RECORD_OPERATION: fallback(
    typed(
      z
        .string()
        .regex(/^[A-Za-z_][\w.-]*$/, 'expected an XML element name')
        .describe('SOAP operation name (and SOAPAction) for record creation.'),
      'XML element name',
    ),
    'postRecord',
  ),
  FLOWIZE_TRANSPORT: fallback(
    choiceVar(
      ['rest', 'soap'],
      'The protocol of every Flowize field that has a SOAP twin (records get/create/update/delete, data schema, flow diagram, flow status, webhook). With `soap`, FLOWIZE_API_KEY and FLOWIZE_APP_KEY are required in every auth mode.',
    ),
    'rest',
  ),
  FLOWIZE_SOAP_API_VERSION: fallback(
    typed(
      z
        .string()
        .regex(/^\d+$/, 'expected a number such as 1')
        .describe('Version sent in the SOAP AuthenticationObject (the doc: "by default it should have the value 1").'),
      'number',
    ),
    '1',
  ),
  FLOWIZE_RECORD_TRANSPORT: fallback(
    choiceVar(
      ['rest', 'soap'],
      'How `flowizeCreateRecords` sends records when the caller does not choose (`soap`: SOAP insertRecord).',
    ),
    'FLOWIZE_TRANSPORT',
  ),
  FLOWIZE_TIMEZONE: fallback(
    timeZone().describe("Time zone of Flowize's wall-clock dates (`2016-05-03 11:47:38`)."),
    'VENDORGRAPH_DEFAULT_TIMEZONE',
  ),
  FLOWIZE_TOKEN_REFRESH_SKEW_S: fallback(
    wholeNumber('expected a number of seconds', { min: 0 }).describe(
      'Refresh the OAuth2 token this many seconds before it expires (Flowize sends `expires_in` as a unix timestamp, not a duration).',
    ),
    DEFAULT_REFRESH_SKEW_S,
  ),
});

export type FlowizeEnv = z.infer<typeof flowizeEnv>;

export type FlowizeAuth =
  /** GET /checkauthentication with client credentials → Bearer token, refreshed via /refreshtoken. */
  | { mode: 'oauth2'; clientId: string; clientSecret: string }
  /** X-Apikey + X-App headers on every call. */
  | { mode: 'apikey'; apiKey: string; appKey: string }
  /** api_key / app_key / scopes as query parameters, for callers that cannot set headers. */
  | { mode: 'url'; apiKey: string; appKey: string };

export interface FlowizeSettings {
  baseUrl: string;
  auth: FlowizeAuth;
  orgApiKey?: string;
  soap: {
    url: string;
    version: '1.1' | '1.2';
    namespace: string;
    postRecordOperation: string;
    /** `AuthenticationObject/Version`. */
    apiVersion: string;
    /** `AuthenticationObject/Apikey` and `Appkey`: the API key and application, whatever the auth mode. */
    keys?: { apiKey: string; appKey: string };
  };
  /** Client credentials for a session token (`/checkauthentication`), whatever the auth mode: SOAP postRecord needs one. */
  sessionCredentials?: { clientId: string; clientSecret: string };
  /** The protocol of every field with a SOAP twin. */
  transport: 'rest' | 'soap';
  recordTransport: 'rest' | 'soap';
  timeZone: string;
  refreshSkewMs: number;
}

export const FLOWIZE_SECRETS = [
  'FLOWIZE_CLIENT_SECRET',
  'FLOWIZE_API_KEY',
  'FLOWIZE_ORG_API_KEY',
  'FLOWIZE_CLIENT_ID',
] as const;

/** Reads the settings, naming the variables the chosen auth mode still needs. */
export function flowizeSettings(env: FlowizeEnv, defaultTimeZone: string): SettingsResult<FlowizeSettings> {
  const mode = env.FLOWIZE_AUTH_MODE ?? 'oauth2';
  let auth: FlowizeAuth;
  let baseUrl: string;
  if (mode === 'oauth2') {
    const required = requireVars(env, ['FLOWIZE_BASE_URL', 'FLOWIZE_CLIENT_ID', 'FLOWIZE_CLIENT_SECRET']);
    if ('missing' in required) return required;
    auth = { mode, clientId: required.values.FLOWIZE_CLIENT_ID, clientSecret: required.values.FLOWIZE_CLIENT_SECRET };
    baseUrl = required.values.FLOWIZE_BASE_URL;
  } else {
    const required = requireVars(env, ['FLOWIZE_BASE_URL', 'FLOWIZE_API_KEY', 'FLOWIZE_APP_KEY']);
    if ('missing' in required) return required;
    auth = { mode, apiKey: required.values.FLOWIZE_API_KEY, appKey: required.values.FLOWIZE_APP_KEY };
    baseUrl = required.values.FLOWIZE_BASE_URL;
  }
  baseUrl = apiRoot(baseUrl);
  const keys =
    env.FLOWIZE_API_KEY && env.FLOWIZE_APP_KEY
      ? { apiKey: env.FLOWIZE_API_KEY, appKey: env.FLOWIZE_APP_KEY }
      : undefined;
  const transport = env.FLOWIZE_TRANSPORT ?? 'rest';
  // The SOAP operations authenticate with the API key in their AuthenticationObject, even in oauth2 mode.
  if (transport === 'soap') {
    const required = requireVars(env, ['FLOWIZE_API_KEY', 'FLOWIZE_APP_KEY']);
    if ('missing' in required) return required;
  }
  return {
    settings: {
      baseUrl,
      auth,
      orgApiKey: env.FLOWIZE_ORG_API_KEY,
      soap: {
        url: env.FLOWIZE_SOAP_URL ?? `${baseUrl}/soap`,
        version: env.FLOWIZE_SOAP_VERSION ?? '1.1',
        namespace: env.FLOWIZE_SOAP_NAMESPACE ?? 'Flowize',
        postRecordOperation: env.FLOWIZE_SOAP_POST_RECORD_OPERATION ?? 'postRecord',
        apiVersion: env.FLOWIZE_SOAP_API_VERSION ?? '1',
        keys,
      },
      sessionCredentials:
        env.FLOWIZE_CLIENT_ID && env.FLOWIZE_CLIENT_SECRET
          ? { clientId: env.FLOWIZE_CLIENT_ID, clientSecret: env.FLOWIZE_CLIENT_SECRET }
          : undefined,
      transport,
      recordTransport: env.FLOWIZE_RECORD_TRANSPORT ?? transport,
      timeZone: env.FLOWIZE_TIMEZONE ?? defaultTimeZone,
      refreshSkewMs: (env.FLOWIZE_TOKEN_REFRESH_SKEW_S ?? DEFAULT_REFRESH_SKEW_S) * 1000,
    },
  };
}

/** The flowize configuration part of the vendor module: variables, secrets, base-URL variable, settings. */
export const flowizeConfig = vendorConfig('flowize', flowizeEnv, FLOWIZE_SECRETS, (env, deps) =>
  flowizeSettings(env, deps.timeZone),
);
