/**
 * The flexiPIM simulator: API v2 under /api/v2 with the `token` header, multipart (or urlencoded)
 * form fields, the `{success, data, message}` envelope (`success:false` with the reason in
 * `data`), page/rec_limit paging with /count companions, products as a JSON array and families,
 * categories and attributes as numeric-key objects with a `count` key — as flexiPIM answers them.
 */
import type { Request, Response, Router } from 'express';
import { violation, type SimulatorContext, type SimulatorDefinition } from '../framework.js';
import {
  SANDBOX_TOKEN,
  seedFlexipim,
  type FlexipimState,
  type Lang,
  type SimAttribute,
  type SimProduct,
  type Text,
} from './seed.js';

export type { FlexipimState } from './seed.js';
export { SANDBOX_TOKEN } from './seed.js';

const PREFIX = '/api/v2';

/** flexiPIM's page size when `rec_limit` is not sent. */
const DEFAULT_LIMIT = 10;

function ok(res: Response, data: unknown, message: string): void {
  res.status(200).json({ success: true, data, message });
}

/** The failure envelope: a generic message, the reason in `data`. */
function fail(res: Response, reason: string, status = 200): void {
  res.status(status).json({ success: false, message: 'Error.', data: reason });
}

/** Form fields from a multipart or urlencoded body (flexiPIM is a PHP app: both are read). */
async function formFields(req: Request): Promise<Record<string, string>> {
  const text = typeof req.body === 'string' ? req.body : '';
  const type = req.header('content-type') ?? '';
  if (!text) return {};
  if (type.startsWith('multipart/form-data')) {
    const form = await new globalThis.Request('http://flexipim.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: text,
    }).formData();
    const out: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
    return out;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return {};
}

/** Where a token sent under another name than `token` usually ends up. */
const MISPLACED_TOKEN = ['authorization', 'x-api-token', 'x-token', 'api-token', 'api_token', 'access-token'];

/**
 * Checks the `token` header; answers the failure itself when it is missing or wrong. A token
 * that is absent, or sent anywhere but a header literally named `token` (Authorization, another
 * header, the query string, a form field), breaks the wire rule; a wrong value does not.
 */
function authorized(state: FlexipimState, req: Request, res: Response): boolean {
  const token = req.header('token');
  if (!token) {
    const elsewhere =
      MISPLACED_TOKEN.find((h) => req.header(h)) ?? (req.query.token !== undefined ? 'the query string' : undefined);
    if (elsewhere)
      violation(
        res,
        'auth.header-name',
        `the API token must be sent in a header named "token", not in ${elsewhere}`,
        401,
      );
    else violation(res, 'auth.missing', 'no "token" header', 401);
    fail(res, 'token required', 401);
    return false;
  }
  if (token !== state.token) {
    fail(res, 'token mismatch', 401);
    return false;
  }
  return true;
}

interface ListParams {
  channel: number;
  lang: Lang;
  page: number;
  limit: number;
}

/** Reads channel/language/page/rec_limit; answers the failure itself when one is wrong. */
function listParams(
  state: FlexipimState,
  fields: Record<string, string>,
  res: Response,
  channelRequired = true,
): ListParams | undefined {
  const channelText = fields.channel;
  if (channelRequired && !channelText) {
    violation(res, 'form-fields', 'the channel form field is required', 200);
    return void fail(res, 'The channel field is required.');
  }
  const channel = channelText ? Number(channelText) : 0;
  if (channelText && !state.channels.some((c) => c.id === channel)) return void fail(res, 'Channel not found.');
  const lang = (fields.language || 'en') as Lang;
  if (!state.languages.includes(lang)) return void fail(res, 'Language not found.');
  const page = fields.page ? Number(fields.page) : 1;
  const limit = fields.rec_limit ? Number(fields.rec_limit) : DEFAULT_LIMIT;
  if (!Number.isInteger(page) || page < 1) {
    violation(res, 'paging', `page "${fields.page}" is not an integer greater than 0`, 200);
    return void fail(res, 'The page must be an integer greater than 0.');
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    violation(res, 'paging', `rec_limit "${fields.rec_limit}" is not an integer between 1 and 1000`, 200);
    return void fail(res, 'The rec limit must be an integer between 1 and 1000.');
  }
  return { channel, lang, page, limit };
}

function count(total: number, limit: number) {
  return { total_count: total, total_page: Math.ceil(total / limit), record_limit: String(limit) };
}

/** `{"0": item, "1": item, …, "count": {…}}`: how flexiPIM sends families, categories, attributes. */
function numericKeys<T>(items: T[], total: number, limit: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  items.forEach((item, i) => {
    out[String(i)] = item;
  });
  out.count = { total_count: total, total_page: Math.ceil(total / limit) };
  return out;
}

function page<T>(items: T[], p: ListParams): T[] {
  return items.slice((p.page - 1) * p.limit, p.page * p.limit);
}

const t = (text: Text, lang: Lang) => text[lang] ?? text.en;

/** How a product names its family and categories. */
const BRIEF_FIELDS = ['id', 'code', 'name'] as const;

function productView(state: FlexipimState, p: SimProduct, lang: Lang, channel: number) {
  const family = state.families.find((f) => f.id === p.familyId)!;
  const enabled = new Set(state.attributes.filter((a) => a.channels.includes(channel)).map((a) => a.code));
  return {
    id: p.id,
    sku: p.sku,
    name: t(p.name, lang),
    decsription: p.description ? t(p.description, lang) : null,
    status: p.status,
    family_info: [wireView(family, BRIEF_FIELDS, lang)],
    category_info: p.categoryIds.map((id) =>
      wireView(
        state.categories.find((x) => x.id === id)!,
        BRIEF_FIELDS,
        lang,
      ),
    ),
    manufacturer: p.manufacturer,
    attributes: Object.fromEntries(Object.entries(p.attributes).filter(([code]) => enabled.has(code))),
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

/** flexiPIM's names for fields whose wire name is not the snake_case of ours. */
const WIRE_NAMES: Record<string, string> = { required: 'is_required', unique: 'is_unique' };

const isText = (value: unknown): value is Text =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'en' in value;

/**
 * An item as flexiPIM sends it: the listed fields in that order, under their wire names, a
 * translated name in the request's language.
 */
function wireView<T extends object>(item: T, fields: readonly (keyof T & string)[], lang: Lang) {
  return Object.fromEntries(
    fields.map((field) => {
      const value = item[field];
      const name = WIRE_NAMES[field] ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      return [name, isText(value) ? t(value, lang) : value];
    }),
  );
}

/** The fields of each catalogue list's items, in flexiPIM's order. */
const FAMILY_FIELDS = [
  'id',
  'code',
  'sortOrder',
  'createdBy',
  'updatedBy',
  'status',
  'createdAt',
  'updatedAt',
  'name',
] as const;
const CATEGORY_FIELDS = [
  'id',
  'code',
  'image',
  'parentId',
  'sortOrder',
  'status',
  'createdAt',
  'updatedAt',
  'name',
] as const;
const ATTRIBUTE_FIELDS = [
  'id',
  'code',
  'name',
  'type',
  'required',
  'unique',
  'localizable',
  'options',
  'groupId',
  'createdAt',
  'updatedAt',
] as const;

/**
 * The form rules of every POST route: the fields travel as `multipart/form-data` (what the docs'
 * samples send), never as JSON or in the query string. Answers 415 / the failure envelope itself.
 */
function wellFormed(req: Request, res: Response): boolean {
  const type = req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(type)) {
    violation(
      res,
      'content-type',
      `POST ${req.path} needs multipart/form-data, got ${type ? `"${type.split(';')[0]}"` : 'no Content-Type'}`,
      415,
    );
    fail(res, 'Unsupported Media Type: send the fields as multipart/form-data.', 415);
    return false;
  }
  const inQuery = Object.keys(req.query);
  if (inQuery.length > 0) {
    violation(res, 'form-fields', `form fields sent in the query string: ${inQuery.join(', ')}`, 200);
    fail(res, `Unexpected query parameters: ${inQuery.join(', ')}. Send them as form fields.`);
    return false;
  }
  return true;
}

function routes(router: Router, ctx: SimulatorContext<FlexipimState>): void {
  const s = () => ctx.state;

  /** Registers a POST route that needs the token and reads form fields. */
  const post = (path: string, handler: (fields: Record<string, string>, req: Request, res: Response) => void) => {
    router.post(`${PREFIX}${path}`, async (req, res) => {
      if (!authorized(s(), req, res)) return;
      if (!wellFormed(req, res)) return;
      handler(await formFields(req), req, res);
    });
    router.get(`${PREFIX}${path}`, (req, res) => {
      if (!authorized(s(), req, res)) return;
      violation(res, 'method', `GET ${req.path}: flexiPIM serves this route by POST only`, 405);
      fail(res, `The GET method is not supported for this route. Supported methods: POST.`, 405);
    });
  };

  // Listed as POST, sent as GET by the doc's own sample: both work.
  router.all(`${PREFIX}/checkConnection`, (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST') return fail(res, 'Method not allowed.', 405);
    if (!authorized(s(), req, res)) return;
    ok(res, 'Connection Established Successfully', 'Connection Established Successfully');
  });

  /** POST <path>/count: a list's totals; the channel is required unless said otherwise. */
  const countRoute = (path: string, noun: string, total: (p: ListParams) => number, channelRequired = true) =>
    post(`${path}/count`, (fields, _req, res) => {
      const p = listParams(s(), fields, res, channelRequired);
      if (p) ok(res, count(total(p), p.limit), `${noun} count retrieved successfully.`);
    });

  /** POST <path>: one page of a list as numeric keys, each item's `fields` under their wire names. */
  const numericList = <T extends object>(
    path: string,
    noun: string,
    all: (p: ListParams) => T[],
    fields: readonly (keyof T & string)[],
  ) =>
    post(path, (form, _req, res) => {
      const p = listParams(s(), form, res);
      if (!p) return;
      const items = all(p);
      const shown = page(items, p).map((x) => wireView(x, fields, p.lang));
      ok(res, numericKeys(shown, items.length, p.limit), `${noun} retrieved successfully.`);
    });

  const productsIn = (p: ListParams) => s().products.filter((x) => x.channels.includes(p.channel));

  countRoute('/products', 'Products', (p) => productsIn(p).length);

  post('/products', (fields, _req, res) => {
    const p = listParams(s(), fields, res);
    if (!p) return;
    const shown = page(productsIn(p), p).map((x) => productView(s(), x, p.lang, p.channel));
    ok(res, shown, 'Products retrieved successfully.');
  });

  countRoute('/families', 'Families', () => s().families.length, false);
  numericList('/families', 'Families', () => s().families, FAMILY_FIELDS);

  post('/families/getAttributesGroup', (fields, _req, res) => {
    if (!fields.family_id) return fail(res, 'The family id field is required.');
    const p = listParams(s(), fields, res, false);
    if (!p) return;
    const family = s().families.find((f) => String(f.id) === fields.family_id);
    if (!family) return fail(res, 'Family not found.');
    const enabled = (a: SimAttribute) => !p.channel || a.channels.includes(p.channel);
    const groups = family.groups.map((g) => ({
      id: g.id,
      code: g.code,
      name: t(g.name, p.lang),
      sort_order: g.sortOrder,
      attributes: g.attributes
        .map((code) => s().attributes.find((a) => a.code === code)!)
        .filter(enabled)
        .map((a) => ({ id: a.id, code: a.code, name: t(a.name, p.lang), type: a.type })),
    }));
    ok(res, groups, 'Attribute groups retrieved successfully.');
  });

  countRoute('/categories', 'Categories', () => s().categories.length);
  numericList('/categories', 'Categories', () => s().categories, CATEGORY_FIELDS);
  numericList(
    '/attributes',
    'Attributes',
    (p) => s().attributes.filter((a) => a.channels.includes(p.channel)),
    ATTRIBUTE_FIELDS,
  );
}

export const flexipimSimulator: SimulatorDefinition<FlexipimState> = {
  name: 'flexipim',
  seed: seedFlexipim,
  routes,
  env: (url) => ({
    FLEXIPIM_BASE_URL: `${url}${PREFIX}`,
    FLEXIPIM_TOKEN: SANDBOX_TOKEN,
    // The seeded catalogue's main channel, for product entities referenced by id alone.
    FLEXIPIM_ENTITY_CHANNEL: '1',
  }),
  actions: {
    /** The token is regenerated in flexiPIM: the gateway's token no longer matches. */
    regenerateToken: (state) => {
      state.token = `${SANDBOX_TOKEN}-regenerated`;
    },
  },
};
