/**
 * AppmixerClient: the only code that knows Appmixer's wire format — the `/user/auth` login, Bearer
 * tokens, paths, repeatable query parameters (`filter`, `flowId`, `sort`, `searchAfter`), bare
 * array answers with sibling `/count` endpoints, and the text/plain body of store records. One
 * method per documented endpoint; methods take and return the vendor models of models.ts.
 */
import { createHash } from 'node:crypto';
import { GatewayError, VendorResponseError } from '../../errors.js';
import { VendorHttp, type AuthStrategy, type OutgoingRequest, type VendorResponse } from '../../http/client.js';
import { TokenManager, type IssuedToken } from '../../http/token.js';
import type { RequestScope } from '../../http/scope.js';
import { pathSegment, withQuery } from '../../http/url.js';
import {
  badResponse,
  errorBodyParser,
  expectArray as expectArrayOf,
  expectObject as expectObjectOf,
  firstText,
  type HealthReport,
  type VendorDeps,
} from '../../kit/index.js';
import type { AppmixerSettings } from './config.js';
import type {
  AppmixerAccountResource,
  AppmixerAppResource,
  AppmixerAuthResult,
  AppmixerComponentManifest,
  AppmixerFileResource,
  AppmixerFlowQuery,
  AppmixerFlowResource,
  AppmixerFlowWrite,
  AppmixerLogQuery,
  AppmixerLogsResult,
  AppmixerStoreRecordResource,
  AppmixerStoreResource,
  AppmixerTaskQuery,
  AppmixerTaskResource,
  AppmixerTaskWrite,
  AppmixerUnprocessedMessageResource,
  AppmixerUser,
  AppmixerVariablesResult,
} from './models.js';

export const VENDOR = 'appmixer';

/** Appmixer's default and largest list page (`limit` defaults to 100). */
export const APPMIXER_PAGE_MAX = 100;

/** Largest `size` the gateway asks of GET /logs in one call. */
export const APPMIXER_LOG_PAGE_MAX = 200;

/**
 * Appmixer's error body. The docs publish none; the API answers hapi/Boom errors
 * (`{statusCode, error, message}`), and a plain `{message}` is read the same way.
 */
export const parseAppmixerError = errorBodyParser({
  json: (body) => ({ message: firstText(body.message, body.error) }),
});

/** The `exp` claim of a JWT in epoch milliseconds, when the token carries one. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' && payload.exp > 0 ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bearer token from POST /user/auth. Appmixer has no refresh endpoint: the token is fetched once
 * (single-flight), fetched again shortly before its `exp`, and a 401 drops it so that exactly one
 * re-login and one replay follow.
 */
class AppmixerAuth implements AuthStrategy {
  readonly tokens: TokenManager;

  constructor(
    login: (scope?: RequestScope) => Promise<AppmixerAuthResult>,
    settings: AppmixerSettings,
    deps: VendorDeps,
  ) {
    const who = 'username' in settings.login ? settings.login.username : settings.login.email;
    this.tokens = new TokenManager({
      store: deps.store,
      key: `appmixer:token:${createHash('sha256').update(`${settings.baseUrl}\n${who}`).digest('hex').slice(0, 16)}`,
      refreshSkewMs: settings.refreshSkewMs,
      now: deps.http.shared && (() => deps.http.shared!.clock.now()),
      login: async (scope): Promise<IssuedToken> => {
        const result = await login(scope);
        if (!result || typeof result.token !== 'string' || !result.token) {
          throw badResponse(VENDOR, 'appmixer sent a sign-in answer without a token');
        }
        return { accessToken: result.token, expiresAt: jwtExpiry(result.token) };
      },
    });
  }

  async apply(request: OutgoingRequest, scope?: RequestScope): Promise<unknown> {
    const token = await this.tokens.get(scope);
    request.headers.authorization = `Bearer ${token.accessToken}`;
    return token;
  }

  isAuthFailure(error: VendorResponseError): boolean {
    return error.status === 401;
  }

  invalidate(credential: unknown): Promise<void> {
    return this.tokens.invalidate(credential);
  }
}

const expectArray = <T>(res: VendorResponse<unknown>, what: string) => expectArrayOf<T>(VENDOR, res, what);
const expectObject = <T>(res: VendorResponse<unknown>, what: string) => expectObjectOf<T>(VENDOR, res, what);

function count(res: VendorResponse<{ count?: unknown }>): number {
  const n = Number(res.data?.count);
  if (!Number.isFinite(n)) throw badResponse(VENDOR, 'appmixer sent a count the gateway could not understand');
  return n;
}

export class AppmixerClient {
  readonly http: VendorHttp;
  readonly settings: AppmixerSettings;
  private readonly auth: AppmixerAuth;

  constructor(settings: AppmixerSettings, deps: VendorDeps) {
    this.settings = settings;
    this.auth = new AppmixerAuth((scope) => this.login(scope), settings, deps);
    this.http = deps.createHttp({
      baseUrl: settings.baseUrl,
      auth: this.auth,
      headers: { accept: 'application/json' },
      parseError: parseAppmixerError,
    });
  }

  /** The token manager, for health and tests. */
  get tokens(): TokenManager {
    return this.auth.tokens;
  }

  // --- User ---------------------------------------------------------------------------------------

  /**
   * POST /user/auth — signs in with username (or email) and password; the body is never logged.
   * The call counts toward `scope` (the operation that needed the token), else this view's own.
   */
  async login(scope?: RequestScope): Promise<AppmixerAuthResult> {
    const res = await this.http.request<AppmixerAuthResult>(
      {
        method: 'POST',
        path: 'user/auth',
        operation: 'login',
        json: { ...this.settings.login, password: this.settings.password },
        authenticate: false,
      },
      scope,
    );
    return expectObject<AppmixerAuthResult>(res, 'a sign-in answer');
  }

  /** GET /user — the signed-in user (the health check). */
  async getCurrentUser(): Promise<AppmixerUser> {
    return expectObject<AppmixerUser>(await this.http.request({ path: 'user', operation: 'getCurrentUser' }), 'a user');
  }

  // --- Flows --------------------------------------------------------------------------------------

  private flowParams(query: AppmixerFlowQuery) {
    return { filter: query.filter, pattern: query.pattern, sharedWithPermissions: query.sharedWithPermissions };
  }

  /** GET /flows — a page of flows, without their descriptors and thumbnails (`projection`). */
  async listFlows(query: AppmixerFlowQuery, offset: number, limit: number): Promise<AppmixerFlowResource[]> {
    const res = await this.http.request({
      path: withQuery('flows', {
        ...this.flowParams(query),
        sort: query.sort,
        projection: '-flow,-thumbnail',
        offset,
        limit,
      }),
      operation: 'listFlows',
    });
    return expectArray<AppmixerFlowResource>(res, 'a flow list');
  }

  /** GET /flows/count — how many flows match the same filters. */
  async countFlows(query: AppmixerFlowQuery): Promise<number> {
    return count(
      await this.http.request({ path: withQuery('flows/count', this.flowParams(query)), operation: 'countFlows' }),
    );
  }

  /** GET /flows/:id — one flow with its descriptor, or null. */
  async getFlow(flowId: string): Promise<AppmixerFlowResource | null> {
    return this.find<AppmixerFlowResource>(`flows/${pathSegment(flowId, 'flow id')}`, 'getFlow', 'a flow');
  }

  /** POST /flows — creates a flow; returns its id. */
  async createFlow(body: AppmixerFlowWrite): Promise<string> {
    return this.create('flows', 'createFlow', body, ['flowId']);
  }

  /** PUT /flows/:id — changes name, descriptor or custom fields (a full replacement of each, so safe to resend). */
  async updateFlow(flowId: string, body: AppmixerFlowWrite): Promise<void> {
    await this.put(`flows/${pathSegment(flowId, 'flow id')}`, 'updateFlow', body);
  }

  /** DELETE /flows/:id */
  async deleteFlow(flowId: string): Promise<void> {
    await this.delete(`flows/${pathSegment(flowId, 'flow id')}`, 'deleteFlow');
  }

  /** POST /flows/:id/clone — copies a flow; returns the copy's id. */
  async cloneFlow(flowId: string): Promise<string> {
    return this.create(`flows/${pathSegment(flowId, 'flow id')}/clone`, 'cloneFlow', {}, ['cloneId', 'flowId']);
  }

  /** POST /flows/:id/coordinator — `{command: start|stop}`: how flows are started and stopped. */
  async coordinateFlow(flowId: string, command: 'start' | 'stop'): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `flows/${pathSegment(flowId, 'flow id')}/coordinator`,
      operation: command === 'start' ? 'startFlow' : 'stopFlow',
      json: { command },
    });
  }

  // --- Insights logs ------------------------------------------------------------------------------

  /**
   * GET /logs — log hits and histogram buckets. Deep paging passes one `searchAfter` per `sort`
   * parameter: the sort values of the last hit seen.
   */
  async searchLogs(query: AppmixerLogQuery): Promise<AppmixerLogsResult> {
    if (query.searchAfter && query.searchAfter.length !== query.sort.length) {
      throw new GatewayError('BAD_USER_INPUT', 'the log cursor does not match the sort order');
    }
    const res = await this.http.request({
      path: withQuery('logs', {
        flowId: query.flowIds,
        portType: query.portTypes,
        query: query.query,
        sort: query.sort,
        size: query.size,
        searchAfter: query.searchAfter?.map((v) => String(v)),
      }),
      operation: 'searchLogs',
    });
    return expectObject<AppmixerLogsResult>(res, 'a log search answer');
  }

  // --- Accounts -----------------------------------------------------------------------------------

  /** GET /accounts — connected accounts; `filter` repeatable, `field:!value` negates. */
  async listAccounts(filter: string[]): Promise<AppmixerAccountResource[]> {
    return expectArray<AppmixerAccountResource>(
      await this.http.request({ path: withQuery('accounts', { filter }), operation: 'listAccounts' }),
      'an account list',
    );
  }

  /** PUT /accounts/:accountId — only `displayName` can change. */
  async renameAccount(accountId: string, displayName: string): Promise<AppmixerAccountResource> {
    const res = await this.put(`accounts/${pathSegment(accountId, 'account id')}`, 'renameAccount', { displayName });
    return expectObject<AppmixerAccountResource>(res, 'an account');
  }

  // --- Apps ---------------------------------------------------------------------------------------

  /** GET /apps — apps the user may use (ACL-filtered; `ignoreACL` is admin-only). */
  async listApps(ignoreACL = false): Promise<AppmixerAppResource[]> {
    const res = await this.http.request({
      path: withQuery('apps', { ignoreACL: ignoreACL || undefined }),
      operation: 'listApps',
    });
    // An object keyed by app name, not an array.
    const byName = expectObject<Record<string, Omit<AppmixerAppResource, 'name'> & { name?: string }>>(
      res,
      'an app list',
    );
    return Object.entries(byName).map(([name, app]) => ({ ...app, name: app.name ?? name }));
  }

  /** GET /apps/components?app= — the component manifests of one app. */
  async listAppComponents(app: string): Promise<AppmixerComponentManifest[]> {
    const res = await this.http.request({
      path: withQuery('apps/components', { app }),
      operation: 'listAppComponents',
    });
    return expectArray<AppmixerComponentManifest>(res, 'a component list');
  }

  // --- People tasks -------------------------------------------------------------------------------

  private taskParams(query: AppmixerTaskQuery) {
    return { role: query.role, filter: query.filter, pattern: query.pattern };
  }

  /** GET /people-task/tasks — a page of tasks. */
  async listTasks(query: AppmixerTaskQuery, offset: number, limit: number): Promise<AppmixerTaskResource[]> {
    const res = await this.http.request({
      path: withQuery('people-task/tasks', { ...this.taskParams(query), sort: 'decisionBy:-1', offset, limit }),
      operation: 'listTasks',
    });
    return expectArray<AppmixerTaskResource>(res, 'a task list');
  }

  /** GET /people-task/tasks-count */
  async countTasks(query: AppmixerTaskQuery): Promise<number> {
    return count(
      await this.http.request({
        path: withQuery('people-task/tasks-count', this.taskParams(query)),
        operation: 'countTasks',
      }),
    );
  }

  /** GET /people-task/tasks/:id — one task, or null. */
  async getTask(id: string): Promise<AppmixerTaskResource | null> {
    return this.find<AppmixerTaskResource>(`people-task/tasks/${pathSegment(id, 'task id')}`, 'getTask', 'a task');
  }

  /** POST /people-task/tasks */
  async createTask(body: AppmixerTaskWrite): Promise<AppmixerTaskResource> {
    return expectObject<AppmixerTaskResource>(
      await this.http.request({ method: 'POST', path: 'people-task/tasks', operation: 'createTask', json: body }),
      'a task',
    );
  }

  /** PUT /people-task/tasks/:id/approve or …/reject — the approver's decision. */
  async decideTask(id: string, decision: 'approve' | 'reject'): Promise<AppmixerTaskResource> {
    const res = await this.http.request({
      method: 'PUT',
      path: `people-task/tasks/${pathSegment(id, 'task id')}/${decision}`,
      operation: decision === 'approve' ? 'approveTask' : 'rejectTask',
      json: {},
    });
    return expectObject<AppmixerTaskResource>(res, 'a task');
  }

  // --- Data stores --------------------------------------------------------------------------------

  /** GET /stores */
  async listStores(): Promise<AppmixerStoreResource[]> {
    return expectArray<AppmixerStoreResource>(
      await this.http.request({ path: 'stores', operation: 'listStores' }),
      'a store list',
    );
  }

  /** GET /stores/:id — one store, or null. */
  async getStore(storeId: string): Promise<AppmixerStoreResource | null> {
    return this.find<AppmixerStoreResource>(`stores/${pathSegment(storeId, 'store id')}`, 'getStore', 'a store');
  }

  /** POST /stores — returns the new storeId. */
  async createStore(name: string): Promise<string> {
    return this.create('stores', 'createStore', { name }, ['storeId']);
  }

  /** PUT /stores/:id — renames a store. */
  async renameStore(storeId: string, name: string): Promise<void> {
    await this.put(`stores/${pathSegment(storeId, 'store id')}`, 'renameStore', { name });
  }

  /** DELETE /stores/:id — the store and all its records. */
  async deleteStore(storeId: string): Promise<void> {
    await this.delete(`stores/${pathSegment(storeId, 'store id')}`, 'deleteStore');
  }

  /** GET /store/count?storeId= */
  async countStoreRecords(storeId: string): Promise<number> {
    return count(
      await this.http.request({ path: withQuery('store/count', { storeId }), operation: 'countStoreRecords' }),
    );
  }

  /** GET /store?storeId=&offset=&limit=&sort= — a page of one store's records. */
  async listStoreRecords(
    storeId: string,
    offset: number,
    limit: number,
    sort: string,
  ): Promise<AppmixerStoreRecordResource[]> {
    const res = await this.http.request({
      path: withQuery('store', { storeId, offset, limit, sort }),
      operation: 'listStoreRecords',
    });
    return expectArray<AppmixerStoreRecordResource>(res, 'a record list');
  }

  /** POST /store/:storeId/:key — the body is the raw value as text/plain. Setting a value twice is harmless. */
  async setStoreRecord(storeId: string, key: string, value: string): Promise<AppmixerStoreRecordResource> {
    const res = await this.http.request({
      method: 'POST',
      path: `store/${pathSegment(storeId, 'store id')}/${pathSegment(key, 'record key')}`,
      operation: 'setStoreRecord',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: value,
      idempotent: true,
    });
    return expectObject<AppmixerStoreRecordResource>(res, 'a store record');
  }

  /** PATCH /store/:storeId/:key — renames the key and/or replaces the value. */
  async patchStoreRecord(
    storeId: string,
    key: string,
    change: { key?: string; value?: string },
  ): Promise<AppmixerStoreRecordResource> {
    const res = await this.http.request({
      method: 'PATCH',
      path: `store/${pathSegment(storeId, 'store id')}/${pathSegment(key, 'record key')}`,
      operation: 'patchStoreRecord',
      json: change,
    });
    return expectObject<AppmixerStoreRecordResource>(res, 'a store record');
  }

  // --- Unprocessed messages -----------------------------------------------------------------------

  /** GET /unprocessed-messages */
  async listUnprocessedMessages(): Promise<AppmixerUnprocessedMessageResource[]> {
    return expectArray(
      await this.http.request({ path: 'unprocessed-messages', operation: 'listUnprocessedMessages' }),
      'a message list',
    );
  }

  /** GET /unprocessed-messages/:messageId — one message, or null. */
  async getUnprocessedMessage(id: string): Promise<AppmixerUnprocessedMessageResource | null> {
    return this.find<AppmixerUnprocessedMessageResource>(
      `unprocessed-messages/${pathSegment(id, 'message id')}`,
      'getUnprocessedMessage',
      'a message',
    );
  }

  /** POST /unprocessed-messages/:messageId — puts the message back into the engine. */
  async retryUnprocessedMessage(id: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `unprocessed-messages/${pathSegment(id, 'message id')}`,
      operation: 'retryUnprocessedMessage',
    });
  }

  /** DELETE /unprocessed-messages/:messageId */
  async deleteUnprocessedMessage(id: string): Promise<void> {
    await this.delete(`unprocessed-messages/${pathSegment(id, 'message id')}`, 'deleteUnprocessedMessage');
  }

  // --- Variables ----------------------------------------------------------------------------------

  /** POST /variables/:flowId/fetch — the variables each component can use (a read, so safe to resend). */
  async fetchVariables(flowId: string, componentIds?: string[]): Promise<AppmixerVariablesResult> {
    const res = await this.http.request({
      method: 'POST',
      path: `variables/${pathSegment(flowId, 'flow id')}/fetch`,
      operation: 'fetchVariables',
      json: {
        useCache: true,
        ...(componentIds?.length ? { components: { IDs: componentIds, links: true, properties: true } } : {}),
      },
      idempotent: true,
    });
    return expectObject<AppmixerVariablesResult>(res, 'a variables answer');
  }

  // --- Files --------------------------------------------------------------------------------------

  /** GET /files — a page of file metadata; `filter=filename:~text` matches by regular expression. */
  async listFiles(
    query: { filter?: string; sort?: string; includeComponentSourceFiles?: boolean },
    offset: number,
    limit: number,
  ): Promise<AppmixerFileResource[]> {
    const res = await this.http.request({
      path: withQuery('files', {
        filter: query.filter,
        sort: query.sort,
        includeComponentSourceFiles: query.includeComponentSourceFiles || undefined,
        offset,
        limit,
      }),
      operation: 'listFiles',
    });
    return expectArray<AppmixerFileResource>(res, 'a file list');
  }

  /** GET /files/metadata/:fileId — one file's metadata without content, or null. */
  async getFileMetadata(fileId: string): Promise<AppmixerFileResource | null> {
    return this.find<AppmixerFileResource>(
      `files/metadata/${pathSegment(fileId, 'file id')}`,
      'getFileMetadata',
      'file metadata',
    );
  }

  /** PUT that replaces what it names, so it is safe to resend. */
  private put(path: string, operation: string, json: unknown): Promise<VendorResponse<unknown>> {
    return this.http.request({ method: 'PUT', path, operation, json, idempotent: true });
  }

  /** DELETE of one resource. */
  private async delete(path: string, operation: string): Promise<void> {
    await this.http.request({ method: 'DELETE', path, operation });
  }

  /** GET of one resource: null when Appmixer answers 404. */
  private async find<T>(path: string, operation: string, what: string): Promise<T | null> {
    const res = await this.http.request({ path, operation, allowStatuses: [404] });
    return res.status === 404 ? null : expectObject<T>(res, what);
  }

  /** POST that creates something and answers its id, under the first of `fields` that is present. */
  private async create(path: string, operation: string, json: unknown, fields: [string, ...string[]]): Promise<string> {
    const res = await this.http.request<Record<string, unknown>>({ method: 'POST', path, operation, json });
    return this.id(
      fields.map((f) => res.data?.[f]).find((v) => v !== undefined && v !== null),
      fields[0],
    );
  }

  private id(value: unknown, field: string): string {
    if (typeof value !== 'string' || !value) {
      throw badResponse(VENDOR, `appmixer answered without ${field}`);
    }
    return value;
  }

  /** The health check: a cheap authenticated call that shows the vendor answers with these settings. */
  async health(): Promise<HealthReport> {
    const user = await this.getCurrentUser();
    return { healthy: true, message: `signed in (scope: ${(user.scope ?? ['user']).join(', ')})` };
  }
}
