/**
 * Flxpoint simulator — inventory (a source's parents and variants: read with page/pageSize and
 * `ids[]`/`skus[]`/`upcs[]`, updated in chunks of ≤ 50, upserted by sku in chunks of ≤ 20) and a
 * reseller channel's product variants (filterPageNumber/filterPageSize, snake_case).
 */
import { bodyItems, flxError, instant, paging, patchFields, slice, type FlxCall, type FlxRoute } from './common.js';
import {
  blankParent,
  blankVariant,
  type FlxpointState,
  type Image,
  type NameValue,
  type SimParent,
  type SimVariant,
} from './seed.js';

/** The source a Source token is scoped to, or the `sourceId` an Account token must name. */
function sourceOf(call: FlxCall, given: unknown): number | undefined {
  if (call.token.type === 'Source') {
    if (given !== undefined && given !== null && given !== '' && Number(given) !== call.token.id) {
      return void flxError(call.req, call.res, 400, 'sourceId does not match the source of this token');
    }
    return call.token.id;
  }
  if (given === undefined || given === null || given === '')
    return void flxError(call.req, call.res, 400, 'sourceId is required when using an Account token');
  const id = Number(given);
  if (!call.state.sources.some((s) => s.id === id)) return void flxError(call.req, call.res, 404, 'Source Not Found');
  return id;
}

function bool(call: FlxCall, name: string): boolean {
  return call.query.get(name) === 'true';
}

/** A variant with the optional parts `wants` asks for (the include* flags). */
function variantView(state: FlxpointState, v: SimVariant, wants: (flag: string) => boolean) {
  const parent = state.parents.find((p) => p.id === v.inventoryParentId)!;
  const { images, options, customFields, ...base } = v;
  return {
    ...base,
    ...(wants('includeParent') && {
      parent: {
        id: parent.id,
        sku: parent.sku,
        title: parent.title,
        description: parent.description,
        manufacturer: parent.manufacturer,
        brand: parent.brand,
        archived: parent.archived,
        sourceId: parent.sourceId,
      },
    }),
    ...(wants('includeImages') && { images }),
    ...(wants('includeOptions') && { options }),
    ...(wants('includeAttributes') && { attributes: parent.attributes }),
    ...(wants('includeCategories') && { categories: parent.categories.map((name) => ({ name })) }),
    ...(wants('includeCustomFields') && { customFields }),
    ...(wants('includeCustomAggregates') && { customAggregates: { totalQuantity: v.quantity } }),
    ...(wants('includeLinkedProductVariants') && { linkedProductVariants: [] }),
  };
}

/** How writes answer: the variant with its images, options and custom fields. */
function fullVariant(state: FlxpointState, v: SimVariant) {
  return variantView(state, v, (flag) => ['includeImages', 'includeOptions', 'includeCustomFields'].includes(flag));
}

const MODIFY = ['none', 'update', 'updateNonNull'];
const CUSTOM_FIELD_MODES = ['none', 'update', 'merge', 'deleteIncluded', 'deleteAll'];
const LIST_MODES = ['none', 'replace', 'merge', 'deleteIncluded'];

/** Applies a list under a modify mode (replace, merge by name/url, deleteIncluded, none). */
function applyList<T extends NameValue | Image>(
  current: T[],
  incoming: T[] | undefined | null,
  mode: string,
  key: (t: T) => string,
): T[] {
  if (incoming === undefined || mode === 'none') return current;
  if (incoming === null) return [];
  if (mode === 'replace' || mode === 'update') return incoming;
  if (mode === 'deleteAll') return [];
  const keys = new Set(incoming.map(key));
  if (mode === 'deleteIncluded') return current.filter((t) => !keys.has(key(t)));
  return [...current.filter((t) => !keys.has(key(t))), ...incoming];
}

function modeOf(call: FlxCall, name: string, allowed: string[], fallback: string): string | undefined {
  const value = call.query.get(name) ?? fallback;
  if (!allowed.includes(value))
    return void flxError(call.req, call.res, 400, `${name} must be one of ${allowed.join(', ')}`);
  return value;
}

export function registerInventoryRoutes(route: FlxRoute): void {
  route('get', '/inventory/variants', ['Account', 'Source'], (call) => {
    const sourceId = sourceOf(call, call.query.get('sourceId') ?? undefined);
    if (sourceId === undefined) return;
    const p = paging(call, 'page', 'pageSize');
    if (!p) return;
    const ids = call.query.getAll('ids[]');
    const skus = call.query.getAll('skus[]');
    const upcs = call.query.getAll('upcs[]');
    for (const [name, list] of [
      ['ids', ids],
      ['skus', skus],
      ['upcs', upcs],
    ] as const) {
      if (list.length > p.size)
        return flxError(call.req, call.res, 400, `${name} may contain at most pageSize (${p.size}) values`);
    }
    const after = instant(call, 'updatedAfter');
    if (Number.isNaN(after)) return flxError(call.req, call.res, 400, 'updatedAfter must be an ISO-8601 date-time');
    let matches = call.state.variants.filter((v) => v.sourceId === sourceId);
    // ids win over skus, as documented.
    if (ids.length > 0) matches = matches.filter((v) => ids.includes(String(v.id)));
    else if (skus.length > 0) matches = matches.filter((v) => skus.includes(v.sku));
    if (upcs.length > 0) matches = matches.filter((v) => v.upc !== null && upcs.includes(v.upc));
    if (after !== undefined) matches = matches.filter((v) => Date.parse(v.updatedAt) > after);
    call.res.json(slice(matches, p).map((v) => variantView(call.state, v, (flag) => bool(call, flag))));
  });

  route('put', '/inventory/variants', ['Account', 'Source'], (call) => {
    const sourceId = sourceOf(call, call.query.get('sourceId') ?? undefined);
    if (sourceId === undefined) return;
    const items = bodyItems(call, 'inventory variants', { count: 50, verb: 'updated' });
    if (!items) return;
    const modes: Record<string, string> = {};
    for (const field of ['Cost', 'Quantity', 'Msrp', 'Map', 'ShippingCost']) {
      const mode = modeOf(call, `modify${field}`, MODIFY, 'update');
      if (!mode) return;
      modes[field[0].toLowerCase() + field.slice(1)] = mode;
    }
    const customMode = modeOf(call, 'modifyCustomFields', CUSTOM_FIELD_MODES, 'none');
    if (!customMode) return;
    const targets: [SimVariant, Record<string, unknown>][] = [];
    for (const [i, raw] of items.entries()) {
      const item = (raw ?? {}) as Record<string, unknown>;
      if (item.inventoryVariantId === undefined || typeof item.sku !== 'string')
        return flxError(call.req, call.res, 400, `items[${i}]: inventoryVariantId and sku are required`);
      const v = call.state.variants.find((x) => x.id === Number(item.inventoryVariantId) && x.sourceId === sourceId);
      if (!v)
        return flxError(
          call.req,
          call.res,
          400,
          `items[${i}]: inventory variant ${String(item.inventoryVariantId)} not found for this source`,
        );
      targets.push([v, item]);
    }
    const now = new Date().toISOString();
    for (const [v, item] of targets) {
      for (const [field, mode] of Object.entries(modes)) {
        if (!(field in item) || mode === 'none') continue;
        const value = item[field] === null ? null : Number(item[field]);
        if (mode === 'updateNonNull' && value === null) continue;
        (v as unknown as Record<string, unknown>)[field] = value;
      }
      v.customFields = applyList(
        v.customFields,
        item.customFields as NameValue[] | undefined,
        customMode,
        (f) => f.name,
      );
      v.updatedAt = now;
    }
    call.res.json(targets.map(([v]) => fullVariant(call.state, v)));
  });

  route('post', '/inventory/parents', ['Account', 'Source'], (call) => {
    const list = bodyItems(call, 'inventory parents', { count: 20, verb: 'sent' });
    if (!list) return;
    const modes: Record<string, string> = {};
    for (const name of [
      'modifyParentOptions',
      'modifyParentImages',
      'modifyParentCustomFields',
      'modifyVariantOptions',
      'modifyVariantImages',
      'modifyVariantCustomFields',
      'modifyAttributes',
    ]) {
      const mode = modeOf(call, name, LIST_MODES, 'replace');
      if (!mode) return;
      modes[name] = mode;
    }
    const checked: [number, Record<string, unknown>][] = [];
    for (const [i, raw] of list.entries()) {
      const p = (raw ?? {}) as Record<string, unknown>;
      if (typeof p.sku !== 'string' || !p.sku)
        return flxError(call.req, call.res, 400, `parents[${i}]: sku is required`);
      const sourceId = sourceOf(call, p.sourceId);
      if (sourceId === undefined) return;
      for (const [k, v] of (Array.isArray(p.variants) ? p.variants : []).entries()) {
        if (typeof (v as { sku?: unknown })?.sku !== 'string')
          return flxError(call.req, call.res, 400, `parents[${i}].variants[${k}]: sku is required`);
      }
      checked.push([sourceId, p]);
    }
    const now = new Date().toISOString();
    const out = checked.map(([sourceId, p]) => upsertParent(call.state, sourceId, p, modes, now));
    call.res.json(out);
  });

  route('get', '/reseller-channels/:channelId/products/variants', ['Channel'], (call) => {
    const channelId = Number(String(call.req.params.channelId));
    if (call.token.id !== channelId) return flxError(call.req, call.res, 403, 'This token cannot access this channel');
    const channel = call.state.channels.find((c) => c.id === channelId);
    if (!channel || channel.channelType !== 'flxpoint.api.dealers')
      return flxError(call.req, call.res, 404, 'Reseller Channel Not Found');
    if (!call.query.get('filterUpdatedAfter'))
      return flxError(call.req, call.res, 400, 'filterUpdatedAfter is required');
    const after = instant(call, 'filterUpdatedAfter');
    if (Number.isNaN(after))
      return flxError(call.req, call.res, 400, 'filterUpdatedAfter must be an ISO-8601 date-time');
    const p = paging(call, 'filterPageNumber', 'filterPageSize', true);
    if (!p) return;
    const matches = call.state.resellerVariants.filter(
      (v) => v.channel_id === channelId && Date.parse(`${v.updated_at}Z`) > (after as number),
    );
    call.res.json(
      slice(matches, p).map((v) => {
        const { option_values, images, ...base } = v;
        const parent = call.state.resellerParents.find((x) => x.id === v.reseller_product_parent_id);
        return {
          ...base,
          ...(bool(call, 'includeOptionValues') && { option_values }),
          ...(bool(call, 'includeImages') && { images }),
          ...(bool(call, 'includeParent') && parent && { parent }),
        };
      }),
    );
  });
}

/** The parent fields an upsert writes (null clears; `archived` back to false). */
const PARENT_FIELDS = ['title', 'description', 'manufacturer', 'brand', 'archived'] as const;

/** The variant fields an upsert writes (null clears); it leaves the shipping cost as it is. */
const VARIANT_FIELDS = [
  'masterSku',
  'title',
  'mpn',
  'upc',
  'ean',
  'asin',
  'quantity',
  'cost',
  'msrp',
  'map',
  'weight',
] as const;

/** The lists an upsert merges into a parent, each under its own `modify…` mode, in this order. */
const PARENT_LISTS = [
  ['images', 'modifyParentImages'],
  ['options', 'modifyParentOptions'],
  ['attributes', 'modifyAttributes'],
  ['customFields', 'modifyParentCustomFields'],
] as const;

/** The lists an upsert merges into a variant, each under its own `modify…` mode, in this order. */
const VARIANT_LISTS = [
  ['images', 'modifyVariantImages'],
  ['options', 'modifyVariantOptions'],
  ['customFields', 'modifyVariantCustomFields'],
] as const;

/** Merges a body's lists into a record's under the request's modes: images match by url, the others by name. */
function mergeLists(
  record: SimParent | SimVariant,
  body: Record<string, unknown>,
  lists: readonly (readonly [string, string])[],
  modes: Record<string, string>,
): void {
  const target = record as unknown as Record<string, (NameValue | Image)[]>;
  for (const [field, mode] of lists) {
    const key = (item: NameValue | Image) => (field === 'images' ? (item as Image).url : (item as NameValue).name);
    target[field] = applyList(target[field], body[field] as (NameValue | Image)[] | undefined, modes[mode], key);
  }
}

/** Creates or updates one parent (and its variants) by sku: absent fields kept, null clears. */
function upsertParent(
  state: FlxpointState,
  sourceId: number,
  p: Record<string, unknown>,
  modes: Record<string, string>,
  now: string,
) {
  let parent = state.parents.find((x) => x.sourceId === sourceId && x.sku === p.sku);
  if (!parent) {
    parent = blankParent(state.nextId++, sourceId, p.sku as string);
    state.parents.push(parent);
  }
  patchFields(parent, p, PARENT_FIELDS, (field) => (field === 'archived' ? false : null));
  mergeLists(parent, p, PARENT_LISTS, modes);
  const variants: SimVariant[] = [];
  for (const raw of (Array.isArray(p.variants) ? p.variants : []) as Record<string, unknown>[]) {
    let v = state.variants.find((x) => x.inventoryParentId === parent.id && x.sku === raw.sku);
    if (!v) {
      v = blankVariant(state.nextId++, sourceId, parent.id, raw.sku as string, now);
      state.variants.push(v);
    }
    patchFields(v, raw, VARIANT_FIELDS, () => null);
    mergeLists(v, raw, VARIANT_LISTS, modes);
    v.updatedAt = now;
    variants.push(v);
  }
  const { images: _i, options: _o, attributes: _a, customFields: _c, categories: _g, ...base } = parent;
  return { ...base, variants: variants.map((v) => fullVariant(state, v)) };
}
