/**
 * Flowize settings from the environment. Three documented auth modes (OAuth2 client credentials,
 * API key headers, URL parameters); environments always use the organization API key. The SOAP
 * endpoint and operation names are not published (no WSDL), so they are configurable.
 */
import { z } from 'zod';
import { isTimeZone } from '../../dates.js';
import type { SettingsResult } from '../../kit/vendor.js';

const url = z.string().url('expected an absolute http(s) URL').refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL');

export const flowizeEnv = z.object({
  /** API root including the version, e.g. https://cloud-api.flowize.com/v1 */
  FLOWIZE_BASE_URL: url.optional(),
  FLOWIZE_AUTH_MODE: z.enum(['oauth2', 'apikey', 'url'], { errorMap: () => ({ message: 'expected oauth2, apikey or url' }) }).optional(),
  FLOWIZE_CLIENT_ID: z.string().min(1).optional(),
  FLOWIZE_CLIENT_SECRET: z.string().min(1).optional(),
  FLOWIZE_API_KEY: z.string().min(1).optional(),
  FLOWIZE_APP_KEY: z.string().min(1).optional(),
  /** Organization API key: the Environments API authenticates with it in X-Apikey. */
  FLOWIZE_ORG_API_KEY: z.string().min(1).optional(),
  /** SOAP endpoint (absolute URL); defaults to `<base URL>/soap`. */
  FLOWIZE_SOAP_URL: url.optional(),
  FLOWIZE_SOAP_VERSION: z.enum(['1.1', '1.2'], { errorMap: () => ({ message: 'expected 1.1 or 1.2' }) }).optional(),
  /** Target namespace of the SOAP operations (the doc's samples use "Flowize"). */
  FLOWIZE_SOAP_NAMESPACE: z.string().min(1).optional(),
  FLOWIZE_SOAP_POST_RECORD_OPERATION: z.string().regex(/^[A-Za-z_][\w.-]*$/, 'expected an XML element name').optional(),
  /** How `flowizeCreateRecords` sends records when the caller does not choose: rest (default) or soap. */
  FLOWIZE_RECORD_TRANSPORT: z.enum(['rest', 'soap'], { errorMap: () => ({ message: 'expected rest or soap' }) }).optional(),
  /** Time zone of Flowize's wall-clock dates (`2016-05-03 11:47:38`). */
  FLOWIZE_TIMEZONE: z.string().refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Amsterdam').optional(),
  /** Refresh the OAuth2 token this many seconds before it expires. */
  FLOWIZE_TOKEN_REFRESH_SKEW_S: z.coerce.number({ invalid_type_error: 'expected a number of seconds' }).int().min(0).optional(),
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
  soap: { url: string; version: '1.1' | '1.2'; namespace: string; postRecordOperation: string };
  recordTransport: 'rest' | 'soap';
  timeZone: string;
  refreshSkewMs: number;
}

export const FLOWIZE_SECRETS = ['FLOWIZE_CLIENT_SECRET', 'FLOWIZE_API_KEY', 'FLOWIZE_ORG_API_KEY', 'FLOWIZE_CLIENT_ID'] as const;

/** Reads the settings, naming the variables the chosen auth mode still needs. */
export function flowizeSettings(env: FlowizeEnv, defaultTimeZone: string): SettingsResult<FlowizeSettings> {
  const mode = env.FLOWIZE_AUTH_MODE ?? 'oauth2';
  const missing: string[] = [];
  if (!env.FLOWIZE_BASE_URL) missing.push('FLOWIZE_BASE_URL');
  let auth: FlowizeAuth | undefined;
  if (mode === 'oauth2') {
    if (!env.FLOWIZE_CLIENT_ID) missing.push('FLOWIZE_CLIENT_ID');
    if (!env.FLOWIZE_CLIENT_SECRET) missing.push('FLOWIZE_CLIENT_SECRET');
    if (env.FLOWIZE_CLIENT_ID && env.FLOWIZE_CLIENT_SECRET) auth = { mode, clientId: env.FLOWIZE_CLIENT_ID, clientSecret: env.FLOWIZE_CLIENT_SECRET };
  } else {
    if (!env.FLOWIZE_API_KEY) missing.push('FLOWIZE_API_KEY');
    if (!env.FLOWIZE_APP_KEY) missing.push('FLOWIZE_APP_KEY');
    if (env.FLOWIZE_API_KEY && env.FLOWIZE_APP_KEY) auth = { mode, apiKey: env.FLOWIZE_API_KEY, appKey: env.FLOWIZE_APP_KEY };
  }
  if (missing.length > 0 || !auth || !env.FLOWIZE_BASE_URL) return { missing };
  const baseUrl = env.FLOWIZE_BASE_URL.replace(/\/+$/, '');
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
      },
      recordTransport: env.FLOWIZE_RECORD_TRANSPORT ?? 'rest',
      timeZone: env.FLOWIZE_TIMEZONE ?? defaultTimeZone,
      refreshSkewMs: (env.FLOWIZE_TOKEN_REFRESH_SKEW_S ?? 60) * 1000,
    },
  };
}
