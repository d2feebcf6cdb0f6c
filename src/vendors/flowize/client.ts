/**
 * FlowizeClient: the only code that knows Flowize's wire format — paths, X-* headers (or their
 * URL-parameter twins), scopes, envelopes, status codes and the SOAP postRecord message. One
 * method per documented endpoint, named after Flowize's domain; methods take and return the
 * vendor models of models.ts, never GraphQL types.
 */
import { createHash } from 'node:crypto';
import { GatewayError, VendorResponseError, badUserInput, toGatewayError } from '../../errors.js';
import {
  VendorHttp,
  parseJson,
  type AuthStrategy,
  type OutgoingRequest,
  type VendorRequest,
  type VendorResponse,
} from '../../http/client.js';
import type { TokenManager } from '../../http/token.js';
import type { RequestScope } from '../../http/scope.js';
import { utf8HeaderBytes } from '../../http/header-values.js';
import { headerValue, pathSegment, type QueryValue } from '../../http/url.js';
import {
  badResponse,
  errorBodyParser,
  firstText,
  headerAuth,
  queryAuth,
  type HealthReport,
  type VendorDeps,
} from '../../kit/index.js';
import { flowizeConfig, type FlowizeSettings } from './config.js';
import { flowizeSessionTokens } from './client/session.js';
import { FlowizeSoapClient } from './client/soap.js';
import { alreadyCreated, toBase64Json, type CreateRecordsResult, type FlowizeRecordTarget } from './models.js';
import type {
  FlowizeCreatedRecord,
  FlowizeDataSchemaResource,
  FlowizeDataSchemaWrite,
  FlowizeKeystoreRow,
  FlowizeKeystoreSearch,
  FlowizeTableRowData,
  FlowizeTableSearch,
  FlowizeTableSearchResult,
  FlowizeTableUpdate,
  TableEnvelope,
  FlowizeDeletedRecord,
  FlowizeFlowDiagramResource,
  FlowizeFlowStatusValue,
  FlowizeMoveRecord,
  FlowizeQueueRecord,
  FlowizeQueueStatusValue,
  FlowizeRecordListResource,
  FlowizeUpdatedRecord,
  FlowizeWebhookResource,
  FlowizeWriteResult,
  FlowizeRecordDetail,
  FlowizeRecordQuery,
  FlowizeRecordSearchResource,
  FlowizeSearchRecord,
  FlowizeApiMethod,
  ResourceEnvelope,
  DataEnvelope,
  FlowizeEnvironmentChanges,
  FlowizeEnvironmentData,
  FlowizeEnvironmentStatusData,
  FlowizeEnvironmentUpgrade,
  FlowizeNewEnvironment,
  FlowizeProjectData,
  FlowizeProjectDeployment,
  FlowizeUrlMappingChange,
  FlowizeUrlMappingData,
} from './models.js';

const VENDOR = flowizeConfig.name;

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
  // X-Queue-Status and X-MoveToFlow-Flow have no documented URL twin ("URL Params: None"): they
  // stay headers even in url mode.
};

/**
 * Most uuids one queue action or move takes (the docs give no limit; the gateway keeps each call
 * to the size of a search page).
 */
export const RECORD_BATCH_MAX = 100;

/** A non-empty list of at most RECORD_BATCH_MAX distinct uuids, in first-seen order. */
function uuidList(uuids: string[]): string[] {
  const distinct = [...new Set(uuids)];
  if (distinct.length === 0) throw badUserInput('uuids must not be empty');
  if (distinct.length > RECORD_BATCH_MAX)
    throw badUserInput(`uuids takes at most ${RECORD_BATCH_MAX} records per call (got ${distinct.length})`);
  if (distinct.some((u) => u.trim() === '')) throw badUserInput('uuids must not contain empty values');
  return distinct;
}

function requireText(value: string, what: string): string {
  if (value.trim() === '') throw badUserInput(`${what} must not be empty`);
  return value;
}

/** Flowize's error body: `{resource: [], error: {code, message}}`. */
export const parseFlowizeError = errorBodyParser({
  json: (body) => {
    const error = body.error as { code?: number | string; message?: string } | undefined;
    return { code: error?.code, message: firstText(error?.message, body.message) };
  },
  finish: (status, { code, message }) => {
    if (status === 403 && Number(code) === 437)
      return { message: "Flowize does not allow the gateway's IP address (437)", code: 437, force: 'VENDOR_FORBIDDEN' };
    if (status === 403 && Number(code) === 436)
      return { message: 'Flowize rejected the access token (436)', code: 436, force: 'VENDOR_UNAUTHORIZED' };
    return { message, code: code !== undefined && Number(code) !== status ? code : undefined };
  },
});

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
  readonly #identity: string;

  constructor(http: () => VendorHttp, settings: FlowizeSettings & { auth: { mode: 'oauth2' } }, deps: VendorDeps) {
    const { clientId, clientSecret } = settings.auth;
    this.#identity = hash(`${settings.baseUrl} ${clientId}`);
    this.tokens = flowizeSessionTokens(
      http,
      { baseUrl: settings.baseUrl, clientId, clientSecret, refreshSkewMs: settings.refreshSkewMs },
      deps,
    );
  }

  async apply(request: OutgoingRequest, scope?: RequestScope): Promise<unknown> {
    const token = await this.tokens.get(scope);
    request.headers.authorization = `Bearer ${token.accessToken}`;
    return token;
  }

  isAuthFailure(error: VendorResponseError): boolean {
    return isInvalidToken(error);
  }

  invalidate(credential: unknown): Promise<void> {
    return this.tokens.invalidate(credential);
  }

  /** The client id owns the data whichever access token is current, so cached answers survive a refresh. */
  identity(): string {
    return this.#identity;
  }
}

/** A write's resource and message. */
function writeResult<T>(res: VendorResponse<ResourceEnvelope<T>>): FlowizeWriteResult<T> {
  return { resource: expectResource(res), message: res.data.message ?? null };
}

/** A per-record answer (changestatus, movetoflow) with `records` always an array. */
function recordListResult<T>(
  res: VendorResponse<ResourceEnvelope<FlowizeRecordListResource<T>>>,
): FlowizeWriteResult<FlowizeRecordListResource<T>> {
  const { resource, message } = writeResult(res);
  return { resource: { ...resource, records: Array.isArray(resource?.records) ? resource.records : [] }, message };
}

function expectResource<T>(res: VendorResponse<ResourceEnvelope<T>>): T {
  if (!res.data || typeof res.data !== 'object' || !('resource' in res.data)) {
    throw badResponse(VENDOR, 'flowize sent a response the gateway could not understand', res.status);
  }
  return res.data.resource;
}

/** Most rows one table search returns ("You cannot retrieve more than 100 per query"). */
export const TABLE_LIMIT_MAX = 100;

/**
 * A table name, keystore id or keystore key as one URL path segment. Besides pathSegment's checks
 * a `/` or `\` is refused outright: encoded it would still name another resource on some servers.
 */
export function flowizeName(value: string, what: string): string {
  if (/[/\\]/.test(value)) throw badUserInput(`${what} must not contain "/" or "\\"`);
  return pathSegment(value, what);
}

/** A table row id: Flowize's ids are numeric. Returns it without leading zeros. */
export function tableRowId(value: string): string {
  if (!/^\d{1,15}$/.test(value)) throw badUserInput(`id must be a numeric table row id, got "${value.slice(0, 40)}"`);
  return value.replace(/^0+(?=\d)/, '');
}

/** `{columns: [{column_name, column_value}]}`: the form every table update (and an insert) accepts. */
function toColumnsForm(values: Record<string, unknown>) {
  return { columns: Object.entries(values).map(([column_name, column_value]) => ({ column_name, column_value })) };
}

/** The tables envelope normalised; a body without `data` is not one Flowize sends. */
function expectTable(res: VendorResponse<TableEnvelope<FlowizeTableRowData>>): FlowizeTableSearchResult {
  if (!res.data || typeof res.data !== 'object' || !Array.isArray(res.data.data)) {
    throw badResponse(VENDOR, 'flowize sent a table answer without data', res.status);
  }
  const max = Number(res.data.max_results);
  return {
    rows: res.data.data,
    maxResults: res.data.max_results === undefined || !Number.isFinite(max) ? undefined : max,
  };
}

/**
 * A keystore answer is the stored value itself: JSON when Flowize says so (we ask for JSON), the
 * text itself for a RAW keystore answering text/plain, null when empty.
 */
function keystoreValue(res: VendorResponse<unknown>): unknown {
  if (res.data !== undefined) return res.data;
  if (res.text === '') return null;
  const type = String(res.headers['content-type'] ?? '');
  if (/json/i.test(type)) return parseJson(res.text, VENDOR);
  return res.text;
}

/** A Flowize call in header terms; `url` mode rewrites the X-* headers into query parameters. */
interface FlowizeCall extends Omit<VendorRequest, 'headers'> {
  /** Documented X-* parameters (and X-Scopes). */
  params?: Record<string, string | number | undefined>;
  headers?: Record<string, string | undefined>;
}

export type { CreateRecordsResult } from './models.js';

export class FlowizeClient {
  readonly http: VendorHttp;
  readonly settings: FlowizeSettings;
  private readonly oauth?: OAuth2Auth;
  private readonly urlMode: boolean;
  /** The Environments API's door (organization API key); absent when FLOWIZE_ORG_API_KEY is not set. */
  private readonly orgHttp?: VendorHttp;
  /** The SOAP API (client/soap.ts). */
  readonly soap: FlowizeSoapClient;
  /** FLOWIZE_TRANSPORT=soap: fields with a SOAP twin go through {@link soap}. */
  private readonly overSoap: boolean;

  constructor(settings: FlowizeSettings, deps: VendorDeps) {
    this.settings = settings;
    const { auth } = settings;
    this.urlMode = auth.mode === 'url';
    let strategy: AuthStrategy;
    if (auth.mode === 'oauth2') {
      this.oauth = new OAuth2Auth(() => this.http, settings as FlowizeSettings & { auth: { mode: 'oauth2' } }, deps);
      strategy = this.oauth;
    } else {
      // X-Apikey + X-App on every call (or api_key/app_key in URL mode).
      const keys =
        auth.mode === 'url'
          ? { api_key: auth.apiKey, app_key: auth.appKey }
          : { 'x-apikey': auth.apiKey, 'x-app': auth.appKey };
      strategy = auth.mode === 'url' ? queryAuth(keys) : headerAuth(keys);
    }
    const declaration = {
      baseUrl: settings.baseUrl,
      headers: { accept: 'application/json', 'cache-control': 'no-cache' },
      parseError: parseFlowizeError,
    };
    this.http = deps.createHttp({ ...declaration, auth: strategy });
    // The organization API key in X-Apikey: the Environments API's only credential, whatever the auth mode.
    if (settings.orgApiKey)
      this.orgHttp = deps.createHttp({ ...declaration, auth: headerAuth({ 'x-apikey': settings.orgApiKey }) });
    // postRecord's session token: oauth2 mode's own, else one from the client credentials when configured.
    const { sessionCredentials: session } = settings;
    const sessionTokens =
      this.oauth?.tokens ??
      (session &&
        flowizeSessionTokens(
          () => this.http,
          { baseUrl: settings.baseUrl, ...session, refreshSkewMs: settings.refreshSkewMs },
          deps,
        ));
    this.soap = new FlowizeSoapClient(this.http, settings, sessionTokens);
    this.overSoap = settings.transport === 'soap';
  }

  /** The OAuth2 token manager (oauth2 mode only), for health and tests. */
  get tokens(): TokenManager | undefined {
    return this.oauth?.tokens;
  }

  /**
   * Sends a call with its X-* parameters as headers (as UTF-8 bytes), or as query parameters in URL
   * mode (percent-encoded UTF-8). Client text reaches `params` through {@link FlowizeClient.text},
   * which has already refused control characters and oversized values naming the argument.
   */
  protected call<T>(call: FlowizeCall): Promise<VendorResponse<T>> {
    const headers: Record<string, string | undefined> = { 'content-type': 'application/json', ...call.headers };
    const searchParams: Record<string, QueryValue> = { ...call.searchParams };
    for (const [name, value] of Object.entries(call.params ?? {})) {
      if (value === undefined) continue;
      if (this.urlMode && URL_PARAM[name]) searchParams[URL_PARAM[name]] = value;
      else headers[name] = utf8HeaderBytes(headerValue(String(value), name));
    }
    const { params: _p, ...rest } = call;
    return this.http.request<T>({ ...rest, headers, searchParams });
  }

  /** Client text bound for an X-* parameter, checked once whatever the mode (see src/http/header-values.ts). */
  text(value: string, argument: string): string;
  text(value: string | undefined, argument: string): string | undefined;
  text(value: string | undefined, argument: string): string | undefined {
    return value === undefined ? undefined : this.http.clientText(value, argument);
  }

  /** A GET of one resource envelope, or null when Flowize answers 404 (no such resource). */
  private async findResource<T>(path: string, operation: string, params: FlowizeCall['params']): Promise<T | null> {
    const res = await this.call<ResourceEnvelope<T>>({ path, operation, params, allowStatuses: [404] });
    if (res.status === 404) return null;
    return expectResource(res);
  }

  /** A PUT of a JSON array of uuids (queue actions, moves), one answer per record; sent once, never retried. */
  private async putRecordList<T>(
    path: string,
    operation: string,
    params: FlowizeCall['params'],
    uuids: string[],
  ): Promise<FlowizeWriteResult<FlowizeRecordListResource<T>>> {
    const res = await this.call<ResourceEnvelope<FlowizeRecordListResource<T>>>({
      method: 'PUT',
      path,
      operation,
      params,
      json: uuids,
    });
    return recordListResult(res);
  }

  // --- Auth -------------------------------------------------------------------------------------

  /**
   * GET /record/search for one record, never answered from the cache or a shared call: proves the
   * credentials (logging in first in oauth2 mode) and that Flowize answers now (health checks).
   */
  async checkAuthentication(): Promise<void> {
    await this.call({
      path: 'record/search',
      operation: 'healthCheck',
      params: { 'X-limit': 1, 'X-offset': 0 },
      cache: false,
    });
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
        'X-uuid': this.text(query.uuid, 'uuid'),
        'X-flow': this.text(query.flowName, 'filter.flowName'),
        'X-datarecord-status': query.status,
        'X-datafield-name': this.text(query.dataFieldName, 'filter.dataField.name'),
        'X-datafield-value': this.text(query.dataFieldValue, 'filter.dataField.value'),
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
    if (this.overSoap) return this.soap.getRecord(uuid);
    return this.findResource('record', 'getRecord', { 'X-Scopes': 'record.read', 'X-Uuid': this.text(uuid, 'uuid') });
  }

  /**
   * POST /record — creates one record under a uuid the caller or the gateway chose. Because the
   * uuid is chosen before sending, the call is safe to retry: a 409 for that uuid means an
   * earlier attempt created it, and is reported as `alreadyExisted`.
   */
  async createRecord(
    { flowName, uuid, executeAt }: FlowizeRecordTarget,
    record: unknown,
  ): Promise<CreateRecordsResult> {
    const res = await this.call<ResourceEnvelope<FlowizeCreatedRecord>>({
      method: 'POST',
      path: 'record',
      operation: 'createRecord',
      params: {
        'X-Scopes': 'record',
        'X-Flow': this.text(flowName, 'input.flowName'),
        'X-Uuid': this.text(uuid, 'input.uuid'),
        'X-Executiontime': executeAt,
      },
      json: record,
      idempotent: true,
      allowStatuses: [409],
    });
    if (res.status === 409) return alreadyCreated(uuid);
    return { uuid, created: expectResource(res), alreadyExisted: false, message: res.data?.message };
  }

  /**
   * OPTIONS /options — the API's methods as Flowize lists them. The doc names only "methods" as
   * the answer; `resource.methods` (or `resource` itself, or a bare list) is read.
   */
  async listMethods(): Promise<FlowizeApiMethod[]> {
    const res = await this.call<
      ResourceEnvelope<{ methods?: FlowizeApiMethod[] } | FlowizeApiMethod[]> | FlowizeApiMethod[]
    >({ method: 'OPTIONS', path: 'options', operation: 'listMethods' });
    const data = res.data;
    const resource = Array.isArray(data) ? data : data && typeof data === 'object' ? data.resource : undefined;
    const list = Array.isArray(resource) ? resource : resource?.methods;
    if (!Array.isArray(list))
      throw badResponse(VENDOR, 'flowize sent a method list the gateway could not understand', res.status);
    return list;
  }

  // --- Flows ------------------------------------------------------------------------------------

  /** GET /flowdiagram (X-Flow) — a flow diagram by name, or null. */
  async getFlowDiagram(flowName: string): Promise<FlowizeFlowDiagramResource | null> {
    if (this.overSoap) return this.soap.getFlowDiagram(flowName);
    return this.findResource('flowdiagram', 'getFlowDiagram', {
      'X-Scopes': 'flowdiagram.read',
      'X-Flow': this.text(flowName, 'flowName'),
    });
  }

  // --- Records: update, delete, queue actions, moves, webhooks, flow status ---------------------

  /**
   * PUT /record (X-Uuid) — replaces a record's data with the raw body. The full record is sent, so
   * a repeat leaves the same state: safe to retry.
   */
  async updateRecord(uuid: string, data: unknown): Promise<FlowizeWriteResult<FlowizeUpdatedRecord>> {
    requireText(uuid, 'uuid');
    if (data === null || typeof data !== 'object')
      throw badUserInput('data must be a JSON object or array: it replaces the whole record');
    if (this.overSoap) return this.soap.updateRecord(uuid, data);
    const res = await this.call<ResourceEnvelope<FlowizeUpdatedRecord>>({
      method: 'PUT',
      path: 'record',
      operation: 'updateRecord',
      params: { 'X-Scopes': 'record', 'X-Uuid': this.text(uuid, 'uuid') },
      json: data,
      idempotent: true,
    });
    return writeResult(res);
  }

  /** DELETE /record — removes one record; never retried (a repeat would answer 404). */
  async deleteRecord(uuid: string): Promise<FlowizeWriteResult<FlowizeDeletedRecord>> {
    requireText(uuid, 'uuid');
    if (this.overSoap) return this.soap.deleteRecord(uuid);
    const res = await this.call<ResourceEnvelope<FlowizeDeletedRecord>>({
      method: 'DELETE',
      path: 'record',
      operation: 'deleteRecord',
      params: { 'X-Scopes': 'record.delete', 'X-Uuid': this.text(uuid, 'uuid') },
      // The doc's example names these headers `scopes` and `uuid` while its other record calls
      // use X-Scopes/X-Uuid; both spellings are sent so either reading is served.
      headers: this.urlMode ? {} : { scopes: 'record.delete', uuid: this.http.clientHeader(uuid, 'uuid') },
    });
    return writeResult(res);
  }

  /**
   * PUT /record/changestatus (X-Queue-Status) — one queue action for many records, the uuids as
   * a JSON array body. Not retried: execute-queue and resume-and-continue run flows.
   */
  async changeQueueStatus(
    uuids: string[],
    action: FlowizeQueueStatusValue,
  ): Promise<FlowizeWriteResult<FlowizeRecordListResource<FlowizeQueueRecord>>> {
    const list = uuidList(uuids);
    return this.putRecordList(
      'record/changestatus',
      'changeQueueStatus',
      { 'X-Scopes': 'record', 'X-Queue-Status': action },
      list,
    );
  }

  /** PUT /record/movetoflow (X-MoveToFlow-Flow) — moves many records, the uuids as a JSON array body. */
  async moveRecords(
    uuids: string[],
    targetFlow: string,
  ): Promise<FlowizeWriteResult<FlowizeRecordListResource<FlowizeMoveRecord>>> {
    const list = uuidList(uuids);
    requireText(targetFlow, 'targetFlow');
    const params = { 'X-Scopes': 'record', 'X-MoveToFlow-Flow': this.text(targetFlow, 'targetFlow') };
    return this.putRecordList('record/movetoflow', 'moveRecords', params, list);
  }

  /**
   * POST /webhook/{webhook_uri} — a free-form payload into the flow behind a webhook. The doc shows
   * no credentials for it (the uri is the secret), so none are sent; never retried.
   */
  async postWebhook(webhookUri: string, payload: unknown): Promise<FlowizeWriteResult<FlowizeWebhookResource>> {
    if (payload === null || payload === undefined) throw badUserInput('payload must not be null');
    if (this.overSoap) return this.soap.webhook(webhookUri, payload);
    const res = await this.call<ResourceEnvelope<FlowizeWebhookResource>>({
      method: 'POST',
      path: `webhook/${pathSegment(webhookUri, 'webhookUri')}`,
      operation: 'postWebhook',
      json: payload,
      authenticate: false,
    });
    return writeResult(res);
  }

  /** PUT /changeflowstatus (X-Flow-Id, X-Status) — publishes, pauses, resumes or deactivates a flow. */
  async changeFlowStatus(flowId: string, status: FlowizeFlowStatusValue): Promise<{ message: string | null }> {
    if (!/^\d{1,18}$/.test(flowId)) throw badUserInput('flowId must be a numeric Flowize flow id');
    if (this.overSoap) return this.soap.changeFlowStatus(flowId, status);
    const res = await this.call<ResourceEnvelope<unknown>>({
      method: 'PUT',
      path: 'changeflowstatus',
      operation: 'changeFlowStatus',
      params: { 'X-Scopes': 'flowdiagram', 'X-Flow-Id': flowId, 'X-Status': status },
    });
    // The answer's resource is an empty string: only the message says what happened.
    if (!res.data || typeof res.data !== 'object') {
      throw badResponse(VENDOR, 'flowize sent a response the gateway could not understand', res.status);
    }
    return { message: res.data.message ?? null };
  }

  // --- Data schema -------------------------------------------------------------------------------

  /** GET /schema (X-Scopes schema.read) — the customer's data schema, or null when none is defined. */
  async getDataSchema(): Promise<FlowizeDataSchemaResource | null> {
    if (this.overSoap) return this.soap.getSchema();
    return this.findResource('schema', 'getDataSchema', { 'X-Scopes': 'schema.read' });
  }

  /** POST /schema — creates the data schema; 409 when one exists. Not retried. */
  async createDataSchema(schema: unknown, sampleRecord: unknown, url: string): Promise<FlowizeDataSchemaWrite> {
    if (this.overSoap) return this.soap.insertSchema(schema, sampleRecord, url);
    return this.writeDataSchema('POST', schema, sampleRecord, url);
  }

  /** PUT /schema — replaces the data schema; the whole schema is sent, so a repeat is harmless. */
  async updateDataSchema(schema: unknown, sampleRecord: unknown, url: string): Promise<FlowizeDataSchemaWrite> {
    if (this.overSoap) return this.soap.updateSchema(schema, sampleRecord, url);
    return this.writeDataSchema('PUT', schema, sampleRecord, url);
  }

  private async writeDataSchema(
    method: 'POST' | 'PUT',
    schema: unknown,
    sampleRecord: unknown,
    url: string,
  ): Promise<FlowizeDataSchemaWrite> {
    const res = await this.call<ResourceEnvelope<{ creation_date?: string; modified_date?: string }>>({
      method,
      path: 'schema',
      operation: method === 'POST' ? 'createDataSchema' : 'updateDataSchema',
      params: { 'X-Scopes': 'schema' },
      json: { schema: toBase64Json(schema), data_record: toBase64Json(sampleRecord), url },
      idempotent: method === 'PUT',
    });
    const resource = expectResource(res) ?? {};
    return {
      creation_date: resource.creation_date,
      modified_date: resource.modified_date,
      message: res.data.message ?? null,
    };
  }

  /**
   * DELETE /schema — removes the data schema. The doc's sample shows no X-Scopes; the write scope
   * is sent anyway, as for the other schema writes.
   */
  async deleteDataSchema(): Promise<{ message: string | null }> {
    if (this.overSoap) return this.soap.deleteSchema();
    const res = await this.call<ResourceEnvelope<unknown>>({
      method: 'DELETE',
      path: 'schema',
      operation: 'deleteDataSchema',
      params: { 'X-Scopes': 'schema' },
    });
    return { message: res.data?.message ?? null };
  }

  // --- Keystore ----------------------------------------------------------------------------------

  /**
   * GET /keystore/{id}/{key} — an entry's stored value; null when the keystore does not exist.
   * Flowize creates a missing key on read, filled with the keystore's empty structure.
   */
  async getKeystoreEntry(keystoreId: string, key: string): Promise<{ value: unknown } | null> {
    const res = await this.call<unknown>({
      path: `keystore/${flowizeName(keystoreId, 'keystoreId')}/${flowizeName(key, 'key')}`,
      operation: 'getKeystoreEntry',
      allowStatuses: [404],
    });
    if (res.status === 404) return null;
    return { value: keystoreValue(res) };
  }

  /** POST /keystore/{id}/{key} — stores a new entry; 409 when the key exists. Not retried. */
  async insertKeystoreEntry(keystoreId: string, key: string, value: unknown): Promise<unknown> {
    return this.writeKeystoreEntry('POST', keystoreId, key, value);
  }

  /** PUT /keystore/{id}/{key} — stores or replaces an entry; the same PUT twice leaves the same state, so it is retried. */
  async upsertKeystoreEntry(keystoreId: string, key: string, value: unknown): Promise<unknown> {
    return this.writeKeystoreEntry('PUT', keystoreId, key, value);
  }

  private async writeKeystoreEntry(
    method: 'POST' | 'PUT',
    keystoreId: string,
    key: string,
    value: unknown,
  ): Promise<unknown> {
    const res = await this.call<unknown>({
      method,
      path: `keystore/${flowizeName(keystoreId, 'keystoreId')}/${flowizeName(key, 'key')}`,
      operation: method === 'POST' ? 'insertKeystoreEntry' : 'upsertKeystoreEntry',
      // JSON.stringify keeps a string value a JSON string, so the answer comes back as JSON too.
      body: JSON.stringify(value ?? null),
      idempotent: method === 'PUT',
    });
    return keystoreValue(res);
  }

  /** DELETE /keystore/{id}/{key} — removes an entry (`{id, code, request-ip, resource, message, error}`). */
  async deleteKeystoreEntry(keystoreId: string, key: string): Promise<{ message: string | null }> {
    const res = await this.call<ResourceEnvelope<null>>({
      method: 'DELETE',
      path: `keystore/${flowizeName(keystoreId, 'keystoreId')}/${flowizeName(key, 'key')}`,
      operation: 'deleteKeystoreEntry',
    });
    return { message: res.data?.message ?? null };
  }

  /**
   * POST /keystore/{id} — searches a keystore. Documented as a bare array of rows; an answer
   * wrapped in the `{resource: [...]}` envelope is accepted too. Read-only, so retried.
   */
  async searchKeystore(keystoreId: string, search: FlowizeKeystoreSearch): Promise<FlowizeKeystoreRow[]> {
    const res = await this.call<FlowizeKeystoreRow[] | ResourceEnvelope<FlowizeKeystoreRow[]>>({
      method: 'POST',
      path: `keystore/${flowizeName(keystoreId, 'keystoreId')}`,
      operation: 'searchKeystore',
      json: search,
      readOnly: true,
    });
    const rows = Array.isArray(res.data)
      ? res.data
      : res.data && typeof res.data === 'object'
        ? res.data.resource
        : undefined;
    if (!Array.isArray(rows))
      throw badResponse(VENDOR, 'flowize sent a keystore search answer without rows', res.status);
    return rows;
  }

  // --- Tables ------------------------------------------------------------------------------------

  /** GET /tables/{table}/{id} — one row, or null when the row (or table) does not exist. */
  async getTableRow(table: string, id: string): Promise<FlowizeTableRowData | null> {
    const res = await this.call<TableEnvelope<FlowizeTableRowData>>({
      path: `tables/${flowizeName(table, 'table')}/${tableRowId(id)}`,
      operation: 'getTableRow',
      allowStatuses: [404],
    });
    if (res.status === 404) return null;
    return expectTable(res).rows[0] ?? null;
  }

  /** POST /tables/{table}/search — rows by where/order, at most {@link TABLE_LIMIT_MAX} per call. Read-only, so retried. */
  async searchTable(table: string, search: FlowizeTableSearch): Promise<FlowizeTableSearchResult> {
    if (search.limit < 1 || search.limit > TABLE_LIMIT_MAX)
      throw new RangeError(`table search limit must be 1..${TABLE_LIMIT_MAX}, got ${search.limit}`);
    const res = await this.call<TableEnvelope<FlowizeTableRowData>>({
      method: 'POST',
      path: `tables/${flowizeName(table, 'table')}/search`,
      operation: 'searchTable',
      json: search,
      readOnly: true,
    });
    return expectTable(res);
  }

  /**
   * POST /tables/{table}/search with `id in [...]` — the batch form: up to 100 rows by id in one
   * call, returned by id (ids Flowize does not have are absent).
   */
  async findTableRowsByIds(table: string, ids: string[]): Promise<Map<string, FlowizeTableRowData>> {
    if (ids.length === 0) return new Map();
    if (ids.length > TABLE_LIMIT_MAX)
      throw new RangeError(`at most ${TABLE_LIMIT_MAX} ids per call, got ${ids.length}`);
    const numeric = ids.map((id) => Number(tableRowId(id)));
    const result = await this.searchTable(table, {
      where: { condition: 'AND', rules: [{ field: 'id', operator: 'in', value: numeric }] },
      limit: TABLE_LIMIT_MAX,
      offset: 0,
    });
    return new Map(result.rows.map((row) => [String(row.id), row]));
  }

  /**
   * POST /tables/{table}/ — inserts a row, sent as given: one JSON object (`object`) or Flowize's
   * `{columns: [{column_name, column_value}]}` form (`columns`). Answers the stored row with its
   * new id. Not retried: a repeat would insert a second row.
   */
  async insertTableRow(
    table: string,
    values: Record<string, unknown>,
    form: 'object' | 'columns',
  ): Promise<FlowizeTableRowData> {
    const res = await this.call<TableEnvelope<FlowizeTableRowData>>({
      method: 'POST',
      path: `tables/${flowizeName(table, 'table')}/`,
      operation: 'insertTableRow',
      json: form === 'columns' ? toColumnsForm(values) : values,
    });
    const row = expectTable(res).rows[0];
    if (!row) throw badResponse(VENDOR, 'flowize did not return the inserted row', res.status);
    return row;
  }

  /**
   * PUT /tables/{table}/{id} — updates one row (with `id`) or the rows a `where` picks (without);
   * answers how many rows changed. Only the by-id form is retried: setting the same values on
   * the same row twice is harmless, while a repeated `where` update may pick other rows.
   */
  async updateTableRows(table: string, update: FlowizeTableUpdate): Promise<{ updated: number }> {
    const { id, columns, ...search } = update;
    const path = `tables/${flowizeName(table, 'table')}/${id === undefined ? '' : tableRowId(id)}`;
    const res = await this.call<TableEnvelope<FlowizeTableRowData>>({
      method: 'PUT',
      path,
      operation: 'updateTableRows',
      json: { ...toColumnsForm(columns), ...search },
      idempotent: id !== undefined && search.where === undefined,
    });
    const envelope = res.data;
    if (!envelope || typeof envelope !== 'object')
      throw badResponse(VENDOR, 'flowize sent a response the gateway could not understand', res.status);
    return { updated: Number(envelope.total ?? 0) || 0 };
  }

  /** DELETE /tables/{table}/{id} — removes a row (`{id, code, request-ip, resource, message, error}`); 404 when absent. */
  async deleteTableRow(table: string, id: string): Promise<{ message: string | null }> {
    const res = await this.call<ResourceEnvelope<number>>({
      method: 'DELETE',
      path: `tables/${flowizeName(table, 'table')}/${tableRowId(id)}`,
      operation: 'deleteTableRow',
    });
    return { message: res.data?.message ?? null };
  }

  // --- Environments (organization API key) -------------------------------------------------------

  /** The organization-key client, or VENDOR_NOT_CONFIGURED before anything is sent. */
  private org(): VendorHttp {
    if (!this.orgHttp) {
      throw new GatewayError(
        'VENDOR_NOT_CONFIGURED',
        'flowize environments need the organization API key: set FLOWIZE_ORG_API_KEY',
        { vendor: VENDOR },
      );
    }
    return this.orgHttp;
  }

  /**
   * Sends an Environments call and unwraps `{code, data}`; `null` when `absentOn404` and Flowize
   * answers 404. Writes (POST, DELETE) are never retried: Flowize offers no idempotency key for
   * them, and a repeated create would build a second server.
   */
  private async environmentCall<T>(req: VendorRequest, absentOn404 = false): Promise<T | null> {
    const multipart = req.body instanceof FormData;
    const res = await this.org().request<DataEnvelope<T>>({
      ...req,
      // got writes the multipart content type (with its boundary) itself.
      headers: multipart ? req.headers : { 'content-type': 'application/json', ...req.headers },
      allowStatuses: absentOn404 ? [404] : undefined,
    });
    if (res.status === 404 && absentOn404) return null;
    const envelope = res.data;
    if (!envelope || typeof envelope !== 'object' || !('data' in envelope)) {
      throw badResponse(VENDOR, 'flowize sent a response the gateway could not understand', res.status);
    }
    // The envelope repeats the status; trust it over a 200 that carries an error code.
    const code = Number(envelope.code);
    if (Number.isFinite(code) && code >= 400) throw toGatewayError(parseFlowizeError(code, res.text), VENDOR);
    return envelope.data;
  }

  private async environment(req: VendorRequest): Promise<FlowizeEnvironmentData> {
    const data = await this.environmentCall<FlowizeEnvironmentData>(req);
    if (!data || typeof data !== 'object' || Array.isArray(data) || data.id === undefined) {
      throw badResponse(VENDOR, 'flowize sent an environment without an id');
    }
    return data;
  }

  /** GET /environment — every environment of the organization (without SSL certificate details). */
  async listEnvironments(): Promise<FlowizeEnvironmentData[]> {
    const data = await this.environmentCall<FlowizeEnvironmentData[]>({
      path: 'environment',
      operation: 'listEnvironments',
    });
    if (!Array.isArray(data)) throw badResponse(VENDOR, 'flowize sent an environment list that is not a list');
    return data;
  }

  /** GET /environment/{id} — one environment with its SSL certificate, or null. */
  async getEnvironment(id: string): Promise<FlowizeEnvironmentData | null> {
    const data = await this.environmentCall<FlowizeEnvironmentData>(
      { path: `environment/${environmentSegment(id)}`, operation: 'getEnvironment' },
      true,
    );
    return data && typeof data === 'object' ? data : null;
  }

  /** GET /environment/{id}/status — the server's status right now, or null. */
  async getEnvironmentStatus(id: string): Promise<FlowizeEnvironmentStatusData | null> {
    return this.environmentCall<FlowizeEnvironmentStatusData>(
      { path: `environment/${environmentSegment(id)}/status`, operation: 'getEnvironmentStatus' },
      true,
    );
  }

  /** POST /environment — starts building a new environment (status `creating` until it is ready). */
  createEnvironment(input: FlowizeNewEnvironment): Promise<FlowizeEnvironmentData> {
    return this.environment({ method: 'POST', path: 'environment', operation: 'createEnvironment', json: input });
  }

  /** POST /environment/{id} (multipart) — name, description and SSL certificate files. */
  updateEnvironment(id: string, changes: FlowizeEnvironmentChanges): Promise<FlowizeEnvironmentData> {
    const form = new FormData();
    if (changes.name !== undefined) form.append('name', changes.name);
    if (changes.description !== undefined) form.append('description', changes.description);
    if (changes.deleteCertificate !== undefined)
      form.append('delete_certificate', changes.deleteCertificate ? '1' : '0');
    const file = (field: string, text: string, filename: string) =>
      form.append(field, new Blob([text], { type: 'application/octet-stream' }), filename);
    if (changes.pemFile !== undefined) file('pem_file', changes.pemFile, 'certificate.pem');
    if (changes.privateKeyFile !== undefined) file('private_key_file', changes.privateKeyFile, 'private.key');
    if (changes.certificateFile !== undefined) file('certificate_file', changes.certificateFile, 'certificate.crt');
    changes.chainFiles?.forEach((text, i) => file('chain_files', text, `chain-${i + 1}.crt`));
    return this.environment({
      method: 'POST',
      path: `environment/${environmentSegment(id)}`,
      operation: 'updateEnvironment',
      body: form,
    });
  }

  /** DELETE /environment/{id} — starts removing an environment; answers with what Flowize reports. */
  async deleteEnvironment(id: string): Promise<Partial<FlowizeEnvironmentData> | null> {
    const data = await this.environmentCall<Partial<FlowizeEnvironmentData>>({
      method: 'DELETE',
      path: `environment/${environmentSegment(id)}`,
      operation: 'deleteEnvironment',
    });
    return data && typeof data === 'object' && !Array.isArray(data) ? data : null;
  }

  /** POST /environment/{id}/upgrade — a higher package, or more storage (status `upgrading`). */
  upgradeEnvironment(id: string, upgrade: FlowizeEnvironmentUpgrade): Promise<FlowizeEnvironmentData> {
    return this.environment({
      method: 'POST',
      path: `environment/${environmentSegment(id)}/upgrade`,
      operation: 'upgradeEnvironment',
      json: upgrade,
    });
  }

  /** POST /environment/{id}/update-version — installs the latest Flowize version. */
  updateEnvironmentVersion(id: string): Promise<FlowizeEnvironmentData> {
    return this.environment({
      method: 'POST',
      path: `environment/${environmentSegment(id)}/update-version`,
      operation: 'updateEnvironmentVersion',
    });
  }

  /** POST /environment/{id}/optimize — optimizes the environment's storage. */
  optimizeEnvironment(id: string): Promise<FlowizeEnvironmentData> {
    return this.environment({
      method: 'POST',
      path: `environment/${environmentSegment(id)}/optimize`,
      operation: 'optimizeEnvironment',
    });
  }

  /** GET /environment/{id}/projects — the projects the environment hosts. */
  async getEnvironmentProjects(id: string): Promise<FlowizeProjectData[]> {
    const data = await this.environmentCall<FlowizeProjectData[]>({
      path: `environment/${environmentSegment(id)}/projects`,
      operation: 'getEnvironmentProjects',
    });
    if (!Array.isArray(data)) throw badResponse(VENDOR, 'flowize sent a project list that is not a list');
    return data;
  }

  /** POST /environment/{id}/project/{project_id} — adds or updates a project, from the Designer or another environment. */
  addEnvironmentProject(
    id: string,
    projectId: string,
    deployment: FlowizeProjectDeployment,
  ): Promise<FlowizeEnvironmentData> {
    return this.environment({
      method: 'POST',
      path: `environment/${environmentSegment(id)}/project/${environmentSegment(projectId, 'projectId')}`,
      operation: 'addEnvironmentProject',
      json: deployment,
    });
  }

  /** `data.urls_mapped` of a URL mapping answer. */
  private async urlMappings(req: VendorRequest): Promise<FlowizeUrlMappingData[]> {
    const data = await this.environmentCall<{ urls_mapped?: FlowizeUrlMappingData[] }>(req);
    const list = data?.urls_mapped;
    if (!Array.isArray(list)) throw badResponse(VENDOR, 'flowize sent URL mappings that are not a list');
    return list;
  }

  /** GET /environment/{id}/urls — the URLs mapped to websites and hosted pages. */
  getEnvironmentUrls(id: string): Promise<FlowizeUrlMappingData[]> {
    return this.urlMappings({ path: `environment/${environmentSegment(id)}/urls`, operation: 'getEnvironmentUrls' });
  }

  /** A change to /environment/{id}/urls, the mappings as the JSON body. */
  private changeUrlMappings(
    method: 'POST' | 'DELETE',
    operation: string,
    id: string,
    mappings: FlowizeUrlMappingChange[],
  ): Promise<FlowizeUrlMappingData[]> {
    return this.urlMappings({ method, path: `environment/${environmentSegment(id)}/urls`, operation, json: mappings });
  }

  /** POST /environment/{id}/urls — adds or updates URL mappings; answers with all of them. */
  mapEnvironmentUrls(id: string, mappings: FlowizeUrlMappingChange[]): Promise<FlowizeUrlMappingData[]> {
    return this.changeUrlMappings('POST', 'mapEnvironmentUrls', id, mappings);
  }

  /** DELETE /environment/{id}/urls (JSON body) — removes URL mappings; answers with those left. */
  unmapEnvironmentUrls(id: string, mappings: FlowizeUrlMappingChange[]): Promise<FlowizeUrlMappingData[]> {
    return this.changeUrlMappings('DELETE', 'unmapEnvironmentUrls', id, mappings);
  }

  /** DELETE /environment/{id}/project/{project_id} — removes a project from the environment. */
  removeEnvironmentProject(id: string, projectId: string): Promise<FlowizeEnvironmentData> {
    return this.environment({
      method: 'DELETE',
      path: `environment/${environmentSegment(id)}/project/${environmentSegment(projectId, 'projectId')}`,
      operation: 'removeEnvironmentProject',
    });
  }

  /** The health check: a cheap authenticated call that shows the vendor answers with these settings. */
  async health(): Promise<HealthReport> {
    await this.checkAuthentication();
    return { healthy: true, message: `auth mode ${this.settings.auth.mode}` };
  }
}

/** Environment and project ids are integers in Flowize's paths. */
function environmentSegment(id: string, what = 'environment id'): string {
  if (!/^\d{1,18}$/.test(id))
    throw badUserInput(`${what} must be a positive integer, got ${JSON.stringify(id.slice(0, 40))}`);
  return pathSegment(id, what);
}
