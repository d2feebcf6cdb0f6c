/**
 * FlexipimClient: the only code that knows flexiPIM's wire format — the `token` header,
 * multipart form POSTs (reads included), the `{success, data, message}` envelope and the
 * page/rec_limit paging with its /count companions. Methods return the wire models of models.ts.
 */
import { VendorResponseError, toGatewayError } from '../../errors.js';
import type { VendorHttp } from '../../http/client.js';
import {
  badResponse,
  errorBodyParser,
  headerAuth,
  type ErrorReason,
  type HealthReport,
  type VendorDeps,
} from '../../kit/index.js';
import { flexipimConfig, type FlexipimSettings } from './config.js';
import {
  normaliseList,
  type FlexipimCount,
  type FlexipimEnvelope,
  type FlexipimPage,
  type FlexipimWireAttribute,
  type FlexipimWireAttributeGroup,
  type FlexipimWireCategory,
  type FlexipimWireFamily,
  type FlexipimWireProduct,
} from './models.js';

const VENDOR = flexipimConfig.name;

/** flexiPIM's page size when `rec_limit` is not sent (its /count answers say "10"). */
export const FLEXIPIM_DEFAULT_PAGE_SIZE = 10;

/** The reasons flexiPIM gives when the token header is missing or wrong. */
const TOKEN_REASON = /token\s+(mismatch|required|invalid|expired)|invalid\s+token/i;

/** The human-readable reason of a failed envelope: `data` when it is text, else `message`. */
function reasonOf(envelope: Partial<FlexipimEnvelope<unknown>>): string {
  const { data } = envelope;
  if (typeof data === 'string' && data.trim()) return data.trim();
  // Validation failures may come as {field: ["message", …]}.
  if (data && typeof data === 'object') {
    const texts = Object.values(data as Record<string, unknown>)
      .flat()
      .filter((v): v is string => typeof v === 'string');
    if (texts.length > 0) return texts.join('; ');
  }
  return envelope.message?.trim() || 'Error';
}

/**
 * `success:false` → flexiPIM's reason: a token complaint means the vendor refused the gateway's
 * credentials; anything else is a rejection of the request. The HTTP status does not decide (the
 * docs give none for errors).
 */
function envelopeReason(envelope: Partial<FlexipimEnvelope<unknown>>): ErrorReason {
  const reason = reasonOf(envelope);
  return { message: reason, force: TOKEN_REASON.test(reason) ? 'VENDOR_UNAUTHORIZED' : 'VENDOR_REJECTED' };
}

/** A `success:false` envelope as a coded error carrying flexiPIM's reason. */
export function envelopeError(status: number, envelope: Partial<FlexipimEnvelope<unknown>>): VendorResponseError {
  const { message, force } = envelopeReason(envelope);
  return new VendorResponseError(status, message!, undefined, force);
}

/** The parseError hook: a non-2xx answer that still carries the envelope keeps its reason. */
export const parseFlexipimError = errorBodyParser({
  json: (body) => (body.success === false ? envelopeReason(body as Partial<FlexipimEnvelope<unknown>>) : undefined),
  // Not the envelope (a proxy page): the status line decides.
  silentUnlessRead: true,
});

/** Form fields of one call; undefined fields are left out. */
type Fields = Record<string, string | number | undefined>;

export interface FlexipimListQuery {
  channel: string;
  language?: string;
  /** 1-based. */
  page: number;
  recLimit: number;
}

export class FlexipimClient {
  readonly http: VendorHttp;
  readonly settings: FlexipimSettings;

  constructor(settings: FlexipimSettings, deps: VendorDeps) {
    this.settings = settings;
    this.http = deps.createHttp({
      baseUrl: settings.baseUrl,
      // The static API token in a header literally named `token` (not Authorization).
      auth: headerAuth({ token: settings.token }),
      headers: { accept: 'application/json' },
      parseError: parseFlexipimError,
    });
  }

  /**
   * Sends one multipart form call and unwraps the envelope. flexiPIM reads are POSTs only in
   * form: they change nothing, so they are marked read-only (retried like GETs).
   */
  protected async call<T>(
    path: string,
    operation: string,
    fields: Fields = {},
    method: 'GET' | 'POST' = 'POST',
  ): Promise<T> {
    let body: FormData | undefined;
    if (method === 'POST') {
      body = new FormData();
      for (const [name, value] of Object.entries(fields)) if (value !== undefined) body.append(name, String(value));
    }
    const res = await this.http.request<FlexipimEnvelope<T>>({ method, path, operation, body, readOnly: true });
    const envelope = res.data;
    if (!envelope || typeof envelope !== 'object' || typeof envelope.success !== 'boolean') {
      throw badResponse(VENDOR, `${VENDOR} sent a response the gateway could not understand`, res.status);
    }
    if (!envelope.success) throw toGatewayError(envelopeError(res.status, envelope), VENDOR);
    return envelope.data;
  }

  // --- Connection -------------------------------------------------------------------------------

  /** POST /checkConnection (GET when configured, as the doc's sample does) — flexiPIM's message. */
  async checkConnection(): Promise<string> {
    const data = await this.call<unknown>(
      'checkConnection',
      'checkConnection',
      {},
      this.settings.checkConnectionMethod,
    );
    return typeof data === 'string' ? data : 'Connection Established Successfully';
  }

  // --- Products ---------------------------------------------------------------------------------

  /** POST /products/count — the channel's product total. */
  async countProducts(channel: string): Promise<number> {
    return toTotal(await this.call<FlexipimCount>('products/count', 'countProducts', { channel }));
  }

  /** POST /products — one page of a channel's products (a JSON array). */
  async listProducts(query: FlexipimListQuery): Promise<FlexipimWireProduct[]> {
    const data = await this.call<unknown>('products', 'listProducts', listFields(query));
    return normaliseList<FlexipimWireProduct>(data).items;
  }

  // --- Families ---------------------------------------------------------------------------------

  /** POST /families — one page of families (numeric-key object with an embedded `count`). */
  async listFamilies(query: FlexipimListQuery): Promise<FlexipimPage<FlexipimWireFamily>> {
    return normaliseList<FlexipimWireFamily>(await this.call<unknown>('families', 'listFamilies', listFields(query)));
  }

  /** POST /families/count — the family total. */
  async countFamilies(channel?: string): Promise<number> {
    return toTotal(await this.call<FlexipimCount>('families/count', 'countFamilies', { channel }));
  }

  /**
   * POST /families/getAttributesGroup — a family's attribute groups. The public docs cut the
   * parameters off: the gateway sends `family_id` (plus `channel`/`language` when given).
   */
  async getFamilyAttributeGroups(
    familyId: string,
    channel?: string,
    language?: string,
  ): Promise<FlexipimWireAttributeGroup[]> {
    const data = await this.call<unknown>('families/getAttributesGroup', 'getFamilyAttributeGroups', {
      family_id: familyId,
      channel,
      language,
    });
    return normaliseList<FlexipimWireAttributeGroup>(data).items;
  }

  // --- Categories -------------------------------------------------------------------------------

  /** POST /categories — one page of categories (numeric-key object with an embedded `count`). */
  async listCategories(query: FlexipimListQuery): Promise<FlexipimPage<FlexipimWireCategory>> {
    return normaliseList<FlexipimWireCategory>(
      await this.call<unknown>('categories', 'listCategories', listFields(query)),
    );
  }

  /** POST /categories/count — the channel's category total. */
  async countCategories(channel: string): Promise<number> {
    return toTotal(await this.call<FlexipimCount>('categories/count', 'countCategories', { channel }));
  }

  // --- Attributes -------------------------------------------------------------------------------

  /** POST /attributes — one page of a channel's attribute definitions. */
  async listAttributes(query: FlexipimListQuery): Promise<FlexipimPage<FlexipimWireAttribute>> {
    return normaliseList<FlexipimWireAttribute>(
      await this.call<unknown>('attributes', 'listAttributes', listFields(query)),
    );
  }

  /** Every attribute of a channel: pages of the largest size until a short page (or the total). */
  async listAllAttributes(channel: string, language?: string): Promise<FlexipimWireAttribute[]> {
    const recLimit = this.settings.maxPageSize;
    const all: FlexipimWireAttribute[] = [];
    for (let page = 1; ; page++) {
      const result = await this.listAttributes({ channel, language, page, recLimit });
      all.push(...result.items);
      if (result.items.length < recLimit || (result.total !== undefined && all.length >= result.total)) return all;
    }
  }

  /** The health check: a cheap authenticated call that shows the vendor answers with these settings. */
  async health(): Promise<HealthReport> {
    return { healthy: true, message: await this.checkConnection() };
  }
}

function listFields(q: FlexipimListQuery): Fields {
  return { channel: q.channel, language: q.language, page: q.page, rec_limit: q.recLimit };
}

function toTotal(count: FlexipimCount | undefined): number {
  const n = Number(count?.total_count);
  if (!Number.isFinite(n) || n < 0) {
    throw badResponse(VENDOR, `${VENDOR} sent a count the gateway could not understand`);
  }
  return n;
}
