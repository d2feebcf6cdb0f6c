/**
 * FlowizeClient: the only code that knows Flowize's wire format — paths, X-* headers (or their
 * URL-parameter twins), scopes, envelopes, status codes and the SOAP postRecord message. One
 * method per documented endpoint, named after Flowize's domain; methods take and return the
 * vendor models of models.ts, never GraphQL types.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GatewayError, VendorResponseError, badUserInput } from '../../errors.js';
import { VendorHttp, type AuthStrategy, type OutgoingRequest, type VendorRequest, type VendorResponse } from '../../http/client.js';
import { soapRequest } from '../../http/soap.js';
import { TokenManager, type IssuedToken } from '../../http/token.js';
import { headerValue } from '../../http/url.js';
import type { VendorDeps } from '../types.js';
import type { FlowizeSettings } from './config.js';
import type {
  FlowizeCreatedRecord,
  FlowizeFlowDiagramResource,
  FlowizeRecordDetail,
  FlowizeRecordQuery,
  FlowizeRecordSearchResource,
  FlowizeSearchRecord,
  FlowizeTokenResource,
  ResourceEnvelope,
} from './models.js';

export const VENDOR = 'flowize';

/** Largest page one record search returns (the docs give only the default, 10). */
export const RECORD_SEARCH_MAX = 100;

/**
 * URL-authorization twins of the documented headers: in `url` mode every X-* parameter travels as
 * a query parameter instead ("If Header parameters are present, URL parameters will be omitted").
 */
const URL_PARAM: Record<string, string> = {
  'X-Scopes': 'scopes',
  'X-Flow': 'flow_name',
  'X-Uuid': 'uuid',
  'X-Executiontime': 'executiontime',
  'X-limit': 'limit',
  'X-offset': 'offset',
  'X-uuid': 'uuid',
  'X-flow': 'flow_name',
  'X-datarecord-status': 'datarecord_status',
  'X-datafield-name': 'datafield_name',
  'X-datafield-value': 'datafield_value',
  'X-Flow-Id': 'flow_id',
  'X-Status': 'status',
  'X-Queue-Status': 'queue_status',
  'X-Queue-Uuids': 'queue_uuids',
  'X-MoveToFlow-Flow': 'movetoflow_flow',
};

/** Flowize's error body: `{resource: [], error: {code, message}}`. */
export function parseFlowizeError(status: number, body: string): VendorResponseError {
  let code: number | string | undefined;
  let message = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: number | string; message?: string }; message?: string };
    code = parsed.error?.code;
    message = parsed.error?.message || parsed.message || message;
  } catch {
    // Not JSON (an XML answer or a proxy page): the status decides.
  }
  if (status === 403 && Number(code) === 437) {
    return new VendorResponseError(status, "Flowize does not allow the gateway's IP address (437)", 437, 'VENDOR_FORBIDDEN');
  }
  if (status === 403 && Number(code) === 436) {
    return new VendorResponseError(status, 'Flowize rejected the access token (436)', 436, 'VENDOR_UNAUTHORIZED');
  }
  return new VendorResponseError(status, message, code !== undefined && Number(code) !== status ? code : undefined);
}

/** True when Flowize says the access token is no longer valid (403/436 or "Invalid Token Error"). */
export function isInvalidToken(error: VendorResponseError): boolean {
  if (error.status === 403 && Number(error.vendorCode) === 436) return true;
  return (error.status === 401 || error.status === 403) && /invalid token/i.test(error.vendorMessage);
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** OAuth2 client credentials: checkauthentication, refreshtoken before expiry, replay on 436. */
class OAuth2Auth implements AuthStrategy {
  readonly tokens: TokenManager;

  constructor(http: () => VendorHttp, settings: FlowizeSettings & { auth: { mode: 'oauth2' } }, deps: VendorDeps) {
    const { clientId, clientSecret } = settings.auth;
    const credentialHeaders = { client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials', 'content-type': 'application/json' };
    const toIssued = (r: FlowizeTokenResource, previous?: IssuedToken): IssuedToken => {
      const expiry = Number(r.expires_in ?? r.expires_at);
      if (!r.access_token) throw new GatewayError('VENDOR_BAD_RESPONSE', 'flowize sent a token answer without access_token', { vendor: VENDOR });
      return {
        accessToken: r.access_token,
        refreshToken: r.refresh_token ?? previous?.refreshToken,
        // expires_in is a unix timestamp (seconds), not a duration.
        expiresAt: Number.isFinite(expiry) && expiry > 0 ? expiry * 1000 : undefined,
      };
    };
    this.tokens = new TokenManager({
      store: deps.store,
      key: `flowize:token:${hash(settings.baseUrl + clientId)}`,
      refreshSkewMs: settings.refreshSkewMs,
      login: async () => {
        const res = await http().request<ResourceEnvelope<FlowizeTokenResource>>({
          path: 'checkauthentication',
          operation: 'checkAuthentication',
          headers: credentialHeaders,
          authenticate: false,
        });
        return toIssued(expectResource(res));
      },
      refresh: async (current) => {
        const res = await http().request<ResourceEnvelope<FlowizeTokenResource>>({
          path: 'refreshtoken',
          operation: 'refreshToken',
          headers: { ...credentialHeaders, refresh_token: current.refreshToken! },
          authenticate: false,
        });
        return toIssued(expectResource(res), current);
      },
    });
  }

  async apply(request: OutgoingRequest): Promise<unknown> {
    const token = await this.tokens.get();
    request.headers.authorization = `Bearer ${token.accessToken}`;
    return token;
  }

  isAuthFailure(error: VendorResponseError): boolean {
    return isInvalidToken(error);
  }

  invalidate(credential: unknown): Promise<void> {
    return this.tokens.invalidate(credential);
  }
}

/** X-Apikey + X-App on every call (or api_key/app_key in URL mode). */
class KeyAuth implements AuthStrategy {
  constructor(
    private readonly apiKey: string,
    private readonly appKey: string | undefined,
    private readonly inUrl: boolean,
  ) {}

  async apply(request: OutgoingRequest): Promise<unknown> {
    if (this.inUrl) {
      request.searchParams.api_key = this.apiKey;
      if (this.appKey) request.searchParams.app_key = this.appKey;
    } else {
      request.headers['x-apikey'] = this.apiKey;
      if (this.appKey) request.headers['x-app'] = this.appKey;
    }
    return undefined;
  }
}

function expectResource<T>(res: VendorResponse<ResourceEnvelope<T>>): T {
  if (!res.data || typeof res.data !== 'object' || !('resource' in res.data)) {
    throw new GatewayError('VENDOR_BAD_RESPONSE', 'flowize sent a response the gateway could not understand', { vendor: VENDOR, vendorStatus: res.status });
  }
  return res.data.resource;
}

/** A Flowize call in header terms; `url` mode rewrites the X-* headers into query parameters. */
interface FlowizeCall extends Omit<VendorRequest, 'headers'> {
  /** Documented X-* parameters (and X-Scopes). */
  params?: Record<string, string | number | undefined>;
  headers?: Record<string, string | undefined>;
}

export interface CreateRecordsResult {
  uuid: string;
  created: FlowizeCreatedRecord | null;
  /** The uuid already existed: a retried create found its own earlier record. */
  alreadyExisted: boolean;
  message?: string;
}

export class FlowizeClient {
  readonly http: VendorHttp;
  readonly settings: FlowizeSettings;
  readonly #oauth?: OAuth2Auth;
  readonly #urlMode: boolean;

  constructor(settings: FlowizeSettings, deps: VendorDeps) {
    this.settings = settings;
    const { auth } = settings;
    this.#urlMode = auth.mode === 'url';
    let strategy: AuthStrategy;
    if (auth.mode === 'oauth2') {
      this.#oauth = new OAuth2Auth(() => this.http, settings as FlowizeSettings & { auth: { mode: 'oauth2' } }, deps);
      strategy = this.#oauth;
    } else {
      strategy = new KeyAuth(auth.apiKey, auth.appKey, auth.mode === 'url');
    }
    this.http = new VendorHttp({
      vendor: VENDOR,
      baseUrl: settings.baseUrl,
      defaults: deps.http,
      logger: deps.logger,
      auth: strategy,
      headers: { accept: 'application/json', 'cache-control': 'no-cache' },
      parseError: (status, body) => parseFlowizeError(status, body),
    });
  }

  /** The OAuth2 token manager (oauth2 mode only), for health and tests. */
  get tokens(): TokenManager | undefined {
    return this.#oauth?.tokens;
  }

  /** Sends a call with its X-* parameters as headers, or as query parameters in URL mode. */
  protected call<T>(call: FlowizeCall): Promise<VendorResponse<T>> {
    const headers: Record<string, string | undefined> = { 'content-type': 'application/json', ...call.headers };
    const searchParams: Record<string, string | number | boolean | undefined> = { ...call.searchParams };
    for (const [name, value] of Object.entries(call.params ?? {})) {
      if (value === undefined) continue;
      if (this.#urlMode && URL_PARAM[name]) searchParams[URL_PARAM[name]] = value;
      else headers[name] = headerValue(String(value), name);
    }
    const { params: _p, ...rest } = call;
    return this.http.request<T>({ ...rest, headers, searchParams });
  }

  // --- Auth -------------------------------------------------------------------------------------

  /** GET /checkauthentication (oauth2) — proves the credentials; other modes search one record. */
  async checkAuthentication(): Promise<void> {
    if (this.#oauth) {
      await this.#oauth.tokens.get();
      return;
    }
    await this.searchRecords({}, 0, 1);
  }

  // --- Records ----------------------------------------------------------------------------------

  /** GET /record/search — records by query; X-limit/X-offset paging with a total. */
  async searchRecords(query: FlowizeRecordQuery, offset: number, limit: number): Promise<FlowizeRecordSearchResource> {
    const res = await this.call<ResourceEnvelope<FlowizeRecordSearchResource>>({
      path: 'record/search',
      operation: 'searchRecords',
      params: {
        'X-limit': limit,
        'X-offset': offset,
        'X-uuid': query.uuid,
        'X-flow': query.flowName,
        'X-datarecord-status': query.status,
        'X-datafield-name': query.dataFieldName,
        'X-datafield-value': query.dataFieldValue,
      },
      searchParams: { date_type: query.dateType, date_from: query.dateFrom, date_to: query.dateTo },
    });
    const resource = expectResource(res);
    return { ...resource, records: Array.isArray(resource?.records) ? resource.records : [] };
  }

  /** GET /record/search by X-uuid — one record's processing state, or null. */
  async findRecordSummary(uuid: string): Promise<FlowizeSearchRecord | null> {
    const result = await this.searchRecords({ uuid }, 0, 1);
    return result.records.find((r) => r.uuid === uuid) ?? null;
  }

  /** GET /record (X-Uuid) — one record with its data, or null when Flowize has none. */
  async getRecord(uuid: string): Promise<FlowizeRecordDetail | null> {
    const res = await this.call<ResourceEnvelope<FlowizeRecordDetail>>({
      path: 'record',
      operation: 'getRecord',
      params: { 'X-Scopes': 'record.read', 'X-Uuid': uuid },
      allowStatuses: [404],
    });
    if (res.status === 404) return null;
    return expectResource(res);
  }

  /**
   * POST /record — creates one record under a uuid the caller or the gateway chose. Because the
   * uuid is chosen before sending, the call is safe to retry: a 409 for that uuid means an
   * earlier attempt created it, and is reported as `alreadyExisted`.
   */
  async createRecord(flowName: string, record: unknown, options: { uuid?: string; executeAt?: string } = {}): Promise<CreateRecordsResult> {
    const uuid = options.uuid ?? randomUUID();
    const res = await this.call<ResourceEnvelope<FlowizeCreatedRecord>>({
      method: 'POST',
      path: 'record',
      operation: 'createRecord',
      params: { 'X-Scopes': 'record', 'X-Flow': flowName, 'X-Uuid': uuid, 'X-Executiontime': options.executeAt },
      json: record,
      idempotent: true,
      allowStatuses: [409],
    });
    if (res.status === 409) return { uuid, created: null, alreadyExisted: true, message: 'Data record already exists' };
    return { uuid, created: expectResource(res), alreadyExisted: false, message: res.data?.message };
  }

  /**
   * SOAP postRecord — the same creation over SOAP with the AccessToken SOAP header. The record's
   * fields become the `Customer` object; the flow and uuid travel beside it (not documented: the
   * element names are the gateway's choice, see the README).
   */
  async postRecordSoap(flowName: string, record: Record<string, unknown>, options: { uuid?: string; executeAt?: string } = {}): Promise<CreateRecordsResult> {
    const uuid = options.uuid ?? randomUUID();
    const { soap } = this.settings;
    const send = async () => {
      const token = await this.#soapToken();
      return soapRequest(this.http, {
        version: soap.version,
        url: soap.url,
        action: soap.postRecordOperation,
        operation: 'postRecord',
        idempotent: true,
        namespaces: { tns: soap.namespace, mym: soap.namespace },
        header: { 'tns:AuthenticationHeader': { AccessToken: token } },
        body: {
          [`mym:${soap.postRecordOperation}`]: {
            input: {
              FlowName: flowName,
              Uuid: uuid,
              ...(options.executeAt && { ExecutionTime: options.executeAt }),
              Customer: toXmlObject(record),
            },
          },
        },
      });
    };
    let envelope;
    try {
      envelope = await send();
    } catch (error) {
      if (!(error instanceof GatewayError) || error.code !== 'VENDOR_UNAUTHORIZED' || !this.#oauth) throw error;
      // The token expired between fetch and use: re-authenticate once and replay once.
      await this.#oauth.tokens.invalidate(undefined);
      envelope = await send();
    }
    const response = Object.values(envelope.body)[0] as { return?: { Result?: string; DataRecordID?: string; Message?: string } } | undefined;
    const ret = response?.return;
    if (!ret) throw new GatewayError('VENDOR_BAD_RESPONSE', 'flowize sent a SOAP answer without a return element', { vendor: VENDOR });
    if (ret.Result === 'EXISTS') return { uuid, created: null, alreadyExisted: true, message: ret.Message };
    if (ret.Result !== 'SUCCESS') {
      throw new GatewayError('VENDOR_REJECTED', `flowize rejected the request: ${ret.Message ?? ret.Result ?? 'unknown'}`, { vendor: VENDOR, vendorStatus: ret.Result });
    }
    return { uuid, created: { flow_name: flowName, data_record_id: ret.DataRecordID }, alreadyExisted: false, message: ret.Message };
  }

  async #soapToken(): Promise<string> {
    if (this.#oauth) return (await this.#oauth.tokens.get()).accessToken;
    // API-key and URL modes have no session: the SOAP header carries the API key.
    return (this.settings.auth as { apiKey: string }).apiKey;
  }

  // --- Flows ------------------------------------------------------------------------------------

  /** GET /flowdiagram (X-Flow) — a flow diagram by name, or null. */
  async getFlowDiagram(flowName: string): Promise<FlowizeFlowDiagramResource | null> {
    const res = await this.call<ResourceEnvelope<FlowizeFlowDiagramResource>>({
      path: 'flowdiagram',
      operation: 'getFlowDiagram',
      params: { 'X-Scopes': 'flowdiagram.read', 'X-Flow': flowName },
      allowStatuses: [404],
    });
    if (res.status === 404) return null;
    return expectResource(res);
  }

  // --- Records: update, delete, queue actions, moves, webhooks, flow status ---------------------

  // --- Data schema -------------------------------------------------------------------------------

  // --- Keystore ----------------------------------------------------------------------------------

  // --- Tables ------------------------------------------------------------------------------------

  // --- Environments (organization API key) -------------------------------------------------------
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/** A record as a SOAP `Customer` object: keys must be XML element names. */
function toXmlObject(value: unknown, path = 'record'): unknown {
  if (Array.isArray(value)) return value.map((v, i) => toXmlObject(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (!XML_NAME.test(key) || /^xml/i.test(key)) throw badUserInput(`${path}.${key} cannot be sent over SOAP: field names must be XML element names`);
      out[key] = toXmlObject(v, `${path}.${key}`);
    }
    return out;
  }
  return value === null || value === undefined ? '' : String(value);
}

