/**
 * FlxpointClient: the only code that knows Flxpoint's wire format — `X-API-TOKEN`, which token type
 * each endpoint takes, both paging styles, `name[]` array parameters, bare-array answers, chunk
 * limits of the inventory writes. Every token has its own VendorHttp whose limiter queues calls to
 * Flxpoint's 2 requests/second per token. Methods return the wire models of models.ts.
 */
import { createHash } from 'node:crypto';
import { GatewayError, badUserInput } from '../../errors.js';
import { VendorHttp, type HttpMethod, type VendorResponse } from '../../http/client.js';
import { KeyedRateLimiter } from '../../http/rate-limit.js';
import { viewScope } from '../../kit/scoped.js';
import { pathSegment, withQuery } from '../../http/url.js';
import {
  errorBodyParser,
  expectArray as expectArrayOf,
  expectObject as expectObjectOf,
  firstText,
  headerAuth,
  type HealthReport,
  type VendorDeps,
} from '../../kit/index.js';
import type { FlxpointSettings } from './config.js';
import {
  VARIANT_INCLUDES,
  type FlxpointConnectionRequest,
  type FlxpointFulfillmentRequestQuery,
  type FlxpointOrderChangeQuery,
  type FlxpointShipmentQuery,
  type FlxpointVariantQuery,
  type FlxpointWireAccount,
  type FlxpointWireChannel,
  type FlxpointWireConnection,
  type FlxpointWireConnectionConfig,
  type FlxpointWireFulfillmentRequest,
  type FlxpointWireOrder,
  type FlxpointWireOrderItem,
  type FlxpointWireParent,
  type FlxpointWireResellerVariant,
  type FlxpointWireShipment,
  type FlxpointWireVariant,
} from './models.js';

export const VENDOR = 'flxpoint';

/** PUT /inventory/variants takes at most 50 variants per call. */
export const VARIANT_UPDATE_CHUNK = 50;
/** POST /inventory/parents takes at most 20 parents per call. */
export const PARENT_UPSERT_CHUNK = 20;
/** `frNumbers[]` takes at most 50 numbers. */
export const FR_NUMBERS_MAX = 50;

/** Flxpoint's three token types; each endpoint takes one (or two) of them. */
export type TokenType = 'Account' | 'Source' | 'Channel';

/** The token a call goes out with. */
interface Credential {
  type: TokenType;
  token: string;
}

/** Flxpoint documents no error body; whatever message-like field there is becomes the reason. */
export const parseFlxpointError = errorBodyParser({
  json: (body) => {
    const errors = Array.isArray(body.errors)
      ? body.errors.map((e) => (typeof e === 'string' ? e : (e as { message?: string })?.message))
      : [];
    return { message: firstText(body.message, body.error, body.detail, ...errors) };
  },
  plainText: true,
  // A 403 means the token type or scope is wrong: worth saying why.
  finish: (status, reason) => (status === 403 && reason.message ? { ...reason, force: 'VENDOR_FORBIDDEN' } : reason),
});

const expectArray = <T>(res: VendorResponse<unknown>) => expectArrayOf<T>(VENDOR, res);
const expectObject = <T>(res: VendorResponse<unknown>) => expectObjectOf<T>(VENDOR, res);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Re-throws a chunk's failure saying how much of the write was already applied. */
function chunkFailure(error: unknown, what: string, index: number, count: number, applied: number): GatewayError {
  if (!(error instanceof GatewayError) || count === 1) return error as GatewayError;
  const ext = error.extensions;
  return new GatewayError(
    error.code,
    `${error.message} (chunk ${index + 1} of ${count}; the ${applied} ${what} before it were applied)`,
    {
      vendor: ext.vendor,
      vendorStatus: ext.vendorStatus,
      retryable: ext.retryable,
      cause: error,
    },
  );
}

/** The fields whose modify mode PUT /inventory/variants takes (`cost` → `modifyCost`), in query order. */
export const VARIANT_MODES = ['cost', 'quantity', 'msrp', 'map', 'shippingCost', 'customFields'] as const;

/** The fields whose modify mode POST /inventory/parents takes, in query order. */
export const PARENT_MODES = [
  'parentOptions',
  'parentImages',
  'parentCustomFields',
  'variantOptions',
  'variantImages',
  'variantCustomFields',
  'attributes',
] as const;

/** Flxpoint's `modify…` query parameters of a write: one mode (`updateNonNull`, …) per field. */
export type ModifyModes<Field extends string> = { [F in Field as `modify${Capitalize<F>}`]?: string };
export type VariantModes = ModifyModes<(typeof VARIANT_MODES)[number]>;
export type ParentModes = ModifyModes<(typeof PARENT_MODES)[number]>;

/** An inventory write of one source that Flxpoint takes in chunks of at most `chunk` items. */
interface SourceWrite {
  method: HttpMethod;
  /** The endpoint, whose last segment names the items (`variants`) in the error of a failing chunk. */
  path: string;
  chunk: number;
  /** Where a call with the Account token names the source (a Source token implies it). */
  source: 'query' | 'items';
}

/** The chunked inventory writes, by operation name. */
const SOURCE_WRITES = {
  updateInventoryVariants: { method: 'PUT', path: 'inventory/variants', chunk: VARIANT_UPDATE_CHUNK, source: 'query' },
  upsertInventoryParents: { method: 'POST', path: 'inventory/parents', chunk: PARENT_UPSERT_CHUNK, source: 'items' },
} satisfies Record<string, SourceWrite>;

/** What a chunked write sent back, and how many calls it took. */
export interface ChunkedWrite<T> {
  items: T[];
  requestCount: number;
}

export interface ResellerVariantQuery {
  filterUpdatedAfter: string;
  includeOptionValues?: boolean;
  includeImages?: boolean;
  includeParent?: boolean;
}

export class FlxpointClient {
  readonly settings: FlxpointSettings;
  private readonly deps: VendorDeps;
  private readonly limiter: KeyedRateLimiter;
  private readonly http = new Map<string, VendorHttp>();

  constructor(settings: FlxpointSettings, deps: VendorDeps) {
    this.settings = settings;
    this.deps = deps;
    // The schedule lives in the gateway's store: workers and instances sharing it pace together.
    this.limiter = new KeyedRateLimiter({
      requestsPerSecond: settings.requestsPerSecond,
      marginMs: settings.rateLimitMarginMs,
      store: deps.store,
      keyPrefix: `ratelimit:${VENDOR}`,
    });
  }

  // --- Tokens -----------------------------------------------------------------------------------

  /** The VendorHttp of one token: its own X-API-TOKEN and its own rate-limit bucket. */
  private httpFor(token: string): VendorHttp {
    let http = this.http.get(token);
    if (!http) {
      const bucket = createHash('sha256').update(token).digest('hex').slice(0, 16);
      http = this.deps.createHttp({
        baseUrl: this.settings.baseUrl,
        auth: headerAuth({ 'x-api-token': token }),
        limiter: this.limiter.forKey(bucket),
        headers: { accept: 'application/json' },
        parseError: parseFlxpointError,
      });
      this.http.set(token, http);
    }
    return http;
  }

  private notConfigured(needs: string): GatewayError {
    return new GatewayError(
      'VENDOR_NOT_CONFIGURED',
      `${VENDOR} is not configured for this operation: it needs ${needs}`,
      { vendor: VENDOR, retryable: false },
    );
  }

  /** The Account token, or VENDOR_NOT_CONFIGURED before any call. */
  accountToken(): Credential {
    if (!this.settings.tokens.account) throw this.notConfigured('an Account token (FLXPOINT_ACCOUNT_TOKEN)');
    return { type: 'Account', token: this.settings.tokens.account };
  }

  /**
   * For source-scoped endpoints that also take the Account token: the source's own token when one
   * is configured (its own rate bucket, and the scope Flxpoint prefers), else the Account token.
   */
  sourceToken(sourceId: string | undefined): Credential {
    const own = sourceId === undefined ? undefined : this.settings.tokens.sources.get(sourceId);
    if (own) return { type: 'Source', token: own };
    if (this.settings.tokens.account) return { type: 'Account', token: this.settings.tokens.account };
    throw this.notConfigured(
      sourceId === undefined
        ? 'an Account token (FLXPOINT_ACCOUNT_TOKEN), or a sourceId whose Source token is configured (FLXPOINT_SOURCE_TOKENS)'
        : `a Source token for source ${sourceId} (FLXPOINT_SOURCE_TOKENS) or an Account token (FLXPOINT_ACCOUNT_TOKEN)`,
    );
  }

  /** A channel's own token (channel-scoped endpoints take no other). */
  channelToken(channelId: string): Credential {
    const token = this.settings.tokens.channels.get(channelId);
    if (!token) throw this.notConfigured(`a Channel token for channel ${channelId} (FLXPOINT_CHANNEL_TOKENS)`);
    return { type: 'Channel', token };
  }

  private async send<T>(
    credential: Credential,
    method: HttpMethod,
    path: string,
    operation: string,
    options: { json?: unknown; idempotent?: boolean; allowStatuses?: number[] } = {},
  ) {
    // One http instance per token, shared by the process: the call counts toward this view's operation.
    return this.httpFor(credential.token).request<T>({ method, path, operation, ...options }, viewScope(this));
  }

  // --- Account & connections (Account token) ----------------------------------------------------

  /** GET /account — the workspace. */
  async getAccount(): Promise<FlxpointWireAccount> {
    return expectObject(await this.send(this.accountToken(), 'GET', 'account', 'getAccount'));
  }

  /** GET /connections — every connection of the workspace (a bare array). */
  async listConnections(): Promise<FlxpointWireConnection[]> {
    return expectArray(await this.send(this.accountToken(), 'GET', 'connections', 'listConnections'));
  }

  /** GET /connections/{id} — one connection, or null on 404 ("Connection Not Found"). */
  async getConnection(id: string): Promise<FlxpointWireConnection | null> {
    const res = await this.send(this.accountToken(), 'GET', `connections/${pathSegment(id, 'id')}`, 'getConnection', {
      allowStatuses: [404],
    });
    return res.status === 404 ? null : expectObject(res);
  }

  /** POST /connections — creates a connection. */
  async createConnection(body: FlxpointConnectionRequest): Promise<FlxpointWireConnection> {
    return expectObject(
      await this.send(this.accountToken(), 'POST', 'connections', 'createConnection', { json: body }),
    );
  }

  /** PUT /connections/{id} — replaces a connection (a full replacement: safe to resend). */
  async updateConnection(id: string, body: FlxpointConnectionRequest): Promise<FlxpointWireConnection> {
    const path = `connections/${pathSegment(id, 'id')}`;
    return expectObject(
      await this.send(this.accountToken(), 'PUT', path, 'updateConnection', { json: body, idempotent: true }),
    );
  }

  /** GET /connections/available-configs?handle= — the config fields of a connection type. */
  async getAvailableConfigs(handle: string): Promise<FlxpointWireConnectionConfig[]> {
    return expectArray(
      await this.send(
        this.accountToken(),
        'GET',
        withQuery('connections/available-configs', { handle }),
        'getAvailableConfigs',
      ),
    );
  }

  /** POST /channel/ — creates a sales (flxpoint.api.custom) or reseller (flxpoint.api.dealers) channel. */
  async createChannel(body: Record<string, unknown>): Promise<FlxpointWireChannel> {
    return expectObject(await this.send(this.accountToken(), 'POST', 'channel/', 'createChannel', { json: body }));
  }

  // --- Inventory (Source token, or Account token with sourceId) ---------------------------------

  /** GET /inventory/variants — one page (page/pageSize) of a source's variants, a bare array. */
  async listInventoryVariants(
    query: FlxpointVariantQuery,
    page: number,
    pageSize: number,
  ): Promise<FlxpointWireVariant[]> {
    const credential = this.sourceToken(query.sourceId);
    for (const [name, list] of [
      ['ids', query.ids],
      ['skus', query.skus],
      ['upcs', query.upcs],
    ] as const) {
      if (list && list.length > pageSize) throw badUserInput(`${name} takes at most ${pageSize} values per page`);
    }
    const include: Record<string, boolean | undefined> = {};
    for (const key of VARIANT_INCLUDES)
      if (query.include?.[key]) include[`include${key[0].toUpperCase()}${key.slice(1)}`] = true;
    const path = withQuery('inventory/variants', {
      page,
      pageSize,
      // Automatic for a Source token; required with the Account token.
      sourceId: credential.type === 'Account' ? query.sourceId : undefined,
      updatedAfter: query.updatedAfter,
      'ids[]': query.ids,
      'skus[]': query.skus,
      'upcs[]': query.upcs,
      ...include,
    });
    return expectArray(await this.send(credential, 'GET', path, 'listInventoryVariants'));
  }

  /**
   * PUT /inventory/variants — updates variants in chunks of at most 50, one call after the other.
   * Absolute values make a resend harmless, so the calls are retried like reads.
   */
  updateInventoryVariants(sourceId: string, items: Record<string, unknown>[], modes: VariantModes) {
    return this.sourceWrite<FlxpointWireVariant>('updateInventoryVariants', sourceId, items, modes);
  }

  /**
   * POST /inventory/parents — creates or updates parents (with variants) by sku, in chunks of at
   * most 20. Keyed by sku, a resend updates the same parents again, so it is retried.
   */
  upsertInventoryParents(sourceId: string, parents: Record<string, unknown>[], modes: ParentModes) {
    return this.sourceWrite<FlxpointWireParent>('upsertInventoryParents', sourceId, parents, modes);
  }

  /**
   * An inventory write of one source, sent in chunks: one call per chunk, one after the other, each
   * retried like a read (both writes are absolute or keyed by sku, so a resend is harmless). A
   * failing chunk's error says how many items the chunks before it applied.
   */
  private async sourceWrite<T>(
    operation: keyof typeof SOURCE_WRITES,
    sourceId: string,
    items: Record<string, unknown>[],
    modes: Record<string, string | undefined>,
  ): Promise<ChunkedWrite<T>> {
    const write: SourceWrite = SOURCE_WRITES[operation];
    const credential = this.sourceToken(sourceId);
    // With the Account token the source is named: in the query, or in every item of the body.
    const account = credential.type === 'Account';
    const path = withQuery(write.path, {
      ...modes,
      sourceId: account && write.source === 'query' ? sourceId : undefined,
    });
    const body =
      account && write.source === 'items'
        ? items.map((p) => ({ sourceId: Number(sourceId) || sourceId, ...p }))
        : items;
    const parts = chunks(body, write.chunk);
    const out: T[] = [];
    for (const [index, part] of parts.entries()) {
      try {
        const res = await this.send(credential, write.method, path, operation, { json: part, idempotent: true });
        out.push(...(Array.isArray(res.data) ? (res.data as T[]) : []));
      } catch (error) {
        throw chunkFailure(
          error,
          write.path.slice(write.path.lastIndexOf('/') + 1),
          index,
          parts.length,
          index * write.chunk,
        );
      }
    }
    return { items: out, requestCount: parts.length };
  }

  // --- Orders (Account token) -------------------------------------------------------------------

  /** GET /orders/{id} — one order, or null on 404. */
  async getOrder(id: string): Promise<FlxpointWireOrder | null> {
    const res = await this.send(this.accountToken(), 'GET', `orders/${pathSegment(id, 'id')}`, 'getOrder', {
      allowStatuses: [404],
    });
    return res.status === 404 ? null : expectObject(res);
  }

  /** GET /orders — orders changed after the given cursors; one page (page/pageSize). */
  async listOrders(changes: FlxpointOrderChangeQuery, page: number, pageSize: number): Promise<FlxpointWireOrder[]> {
    const path = withQuery('orders', { ...changes, page, pageSize });
    return expectArray(await this.send(this.accountToken(), 'GET', path, 'listOrders'));
  }

  /** POST /orders/{orderId}/items — adds an item to an order. */
  async addOrderItem(orderId: string, body: Record<string, unknown>): Promise<FlxpointWireOrderItem> {
    return expectObject(
      await this.send(this.accountToken(), 'POST', `orders/${pathSegment(orderId, 'orderId')}/items`, 'addOrderItem', {
        json: body,
      }),
    );
  }

  // --- Fulfillment requests (Source token, or Account token) ------------------------------------

  /** GET /fulfillment-requests — one page (filterPageNumber/filterPageSize), a bare array. */
  async listFulfillmentRequests(
    query: FlxpointFulfillmentRequestQuery,
    pageNumber: number,
    pageSize: number,
  ): Promise<FlxpointWireFulfillmentRequest[]> {
    if (query.frNumbers && query.frNumbers.length > FR_NUMBERS_MAX)
      throw badUserInput(`numbers takes at most ${FR_NUMBERS_MAX} values`);
    const credential = this.sourceToken(query.filterSourceId);
    const { frNumbers, ...rest } = query;
    const path = withQuery('fulfillment-requests', {
      ...rest,
      'frNumbers[]': frNumbers,
      filterPageNumber: pageNumber,
      filterPageSize: pageSize,
    });
    return expectArray(await this.send(credential, 'GET', path, 'listFulfillmentRequests'));
  }

  /**
   * /fulfillment-requests/{id}/acknowledge — PATCH on the reference page, POST in the polling
   * guide: the method is configurable (FLXPOINT_ACKNOWLEDGE_METHOD).
   */
  async acknowledgeFulfillmentRequest(id: string, sourceId?: string): Promise<FlxpointWireFulfillmentRequest> {
    const path = `fulfillment-requests/${pathSegment(id, 'id')}/acknowledge`;
    return expectObject(
      await this.send(
        this.sourceToken(sourceId),
        this.settings.acknowledgeMethod,
        path,
        'acknowledgeFulfillmentRequest',
      ),
    );
  }

  /** POST /fulfillment-requests/{id}/adjust — partial acknowledge and/or cancel. */
  async adjustFulfillmentRequest(
    id: string,
    body: Record<string, unknown>,
    sourceId?: string,
  ): Promise<FlxpointWireFulfillmentRequest> {
    const path = `fulfillment-requests/${pathSegment(id, 'id')}/adjust`;
    return expectObject(
      await this.send(this.sourceToken(sourceId), 'POST', path, 'adjustFulfillmentRequest', { json: body }),
    );
  }

  // --- Shipments (Source token, or Account token) -----------------------------------------------

  /** GET /shipments — one page (filterPageNumber/filterPageSize), oldest first. */
  async listShipments(
    sourceId: string | undefined,
    query: FlxpointShipmentQuery,
    pageNumber: number,
    pageSize: number,
  ): Promise<FlxpointWireShipment[]> {
    const path = withQuery('shipments', { ...query, filterPageNumber: pageNumber, filterPageSize: pageSize });
    return expectArray(await this.send(this.sourceToken(sourceId), 'GET', path, 'listShipments'));
  }

  /** GET /shipments/{id} — one shipment, or null on 404. */
  async getShipment(id: string, sourceId?: string): Promise<FlxpointWireShipment | null> {
    const res = await this.send(
      this.sourceToken(sourceId),
      'GET',
      `shipments/${pathSegment(id, 'id')}`,
      'getShipment',
      { allowStatuses: [404] },
    );
    return res.status === 404 ? null : expectObject(res);
  }

  /**
   * POST /shipments — ships items of a fulfillment request. Not retried: a resend would be refused
   * as a duplicate tracking number at best, or make a second shipment.
   */
  async createShipment(body: Record<string, unknown>, sourceId?: string): Promise<FlxpointWireShipment> {
    const credential = this.sourceToken(sourceId);
    const json =
      credential.type === 'Account' && sourceId !== undefined
        ? { ...body, sourceId: Number(sourceId) || sourceId }
        : body;
    return expectObject(await this.send(credential, 'POST', 'shipments', 'createShipment', { json }));
  }

  /** PATCH /shipments — changes the non-null fields of the shipment `body.id`. */
  async patchShipment(body: Record<string, unknown>, sourceId?: string): Promise<FlxpointWireShipment> {
    return expectObject(
      await this.send(this.sourceToken(sourceId), 'PATCH', 'shipments', 'patchShipment', {
        json: body,
        idempotent: true,
      }),
    );
  }

  /** PUT /shipments/flag-with-errors — marks shipments as failed to sync (`[{id, syncError}]`). */
  async flagShipmentsWithErrors(
    body: { id: number | string; syncError: string }[],
    sourceId?: string,
  ): Promise<FlxpointWireShipment[]> {
    return expectArray(
      await this.send(this.sourceToken(sourceId), 'PUT', 'shipments/flag-with-errors', 'flagShipmentsWithErrors', {
        json: body,
        idempotent: true,
      }),
    );
  }

  // --- Reseller channels (Channel token) --------------------------------------------------------

  /** GET /reseller-channels/{channelId}/products/variants — one page, snake_case, a bare array. */
  async listResellerVariants(
    channelId: string,
    query: ResellerVariantQuery,
    pageNumber: number,
    pageSize: number,
  ): Promise<FlxpointWireResellerVariant[]> {
    const credential = this.channelToken(channelId);
    const path = withQuery(`reseller-channels/${pathSegment(channelId, 'channelId')}/products/variants`, {
      ...query,
      filterPageNumber: pageNumber,
      filterPageSize: pageSize,
    });
    return expectArray(await this.send(credential, 'GET', path, 'listResellerVariants'));
  }

  /** The health check: a cheap authenticated call that shows the vendor answers with these settings. */
  async health(): Promise<HealthReport> {
    const { tokens } = this.settings;
    const configured = `tokens: ${tokens.account ? 'account, ' : ''}${tokens.sources.size} source, ${tokens.channels.size} channel`;
    if (tokens.account) {
      const account = await this.getAccount();
      return { healthy: true, message: `workspace ${account.subdomain ?? account.id}; ${configured}` };
    }
    // Without an Account token /account answers 403: a one-item page proves a Source or Channel token.
    const [sourceId] = tokens.sources.keys();
    if (sourceId !== undefined) await this.listInventoryVariants({ sourceId }, 1, 1);
    else
      await this.listResellerVariants(
        [...tokens.channels.keys()][0],
        { filterUpdatedAfter: new Date().toISOString() },
        1,
        1,
      );
    return { healthy: true, message: configured };
  }
}
