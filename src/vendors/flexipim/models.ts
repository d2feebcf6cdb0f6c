/**
 * flexiPIM wire shapes (what the client returns) and the one place they are mapped to the shapes
 * GraphQL resolvers serve. flexiPIM answers lists either as JSON arrays (products) or as objects
 * with numeric-string keys plus a `count` key (families, categories): {@link normaliseList} turns
 * both into an array. Codegen `mappers` point the Flexipim types at the models below.
 */
import { parseVendorDate } from '../../dates.js';
import { intOrNull, textOrNull } from '../../kit/values.js';

// --- Wire shapes --------------------------------------------------------------------------------

/** Every flexiPIM answer: `{success, data, message}`; on failure `data` holds the reason. */
export interface FlexipimEnvelope<T> {
  success: boolean;
  data: T;
  message?: string;
}

/** `/…/count` answers (and the `count` key of numeric-key lists). `record_limit` is a string. */
export interface FlexipimCount {
  total_count: number | string;
  total_page?: number | string;
  record_limit?: number | string;
}

/** A list as flexiPIM sends it: an array, or `{"0": item, "1": item, …, "count": {…}}`. */
export type FlexipimWireList<T> = T[] | Record<string, unknown>;

/**
 * What every catalogue object carries: its id, code and name. Alone, the `family_info` /
 * `category_info` entries embedded in a product.
 */
export interface FlexipimRef {
  id: number | string;
  code?: string | null;
  name?: string | null;
}

/** The wall-clock dates flexiPIM stamps on catalogue objects (`2023-01-12 09:41:07`). */
export interface FlexipimWireDates {
  created_at?: string | null;
  updated_at?: string | null;
}

export interface FlexipimWireProduct extends FlexipimWireDates {
  id: number | string;
  sku?: string | null;
  name?: string | null;
  /** Spelled this way by flexiPIM. */
  decsription?: string | null;
  /** Accepted too, should flexiPIM ever fix the spelling. */
  description?: string | null;
  status?: string | number | null;
  manufacturer?: string | null;
  family_info?: FlexipimWireList<FlexipimRef> | null;
  category_info?: FlexipimWireList<FlexipimRef> | null;
  /** Attribute values by attribute code, or a list of `{code, value}`. */
  attributes?: Record<string, unknown> | { code: string; value: unknown }[] | null;
}

export interface FlexipimWireFamily extends FlexipimRef, FlexipimWireDates {
  sort_order?: number | string | null;
  status?: string | number | null;
  created_by?: string | number | null;
  updated_by?: string | number | null;
}

export interface FlexipimWireCategory extends FlexipimRef, FlexipimWireDates {
  image?: string | null;
  parent_id?: number | string | null;
  sort_order?: number | string | null;
  status?: string | number | null;
}

export interface FlexipimWireAttribute extends FlexipimRef, FlexipimWireDates {
  /** Attributes always have a code: values are keyed by it. */
  code: string;
  type?: string | null;
  is_required?: boolean | number | string | null;
  is_unique?: boolean | number | string | null;
  localizable?: boolean | number | string | null;
  options?: FlexipimWireList<string> | null;
  group_id?: number | string | null;
}

export interface FlexipimWireAttributeGroup extends FlexipimRef {
  sort_order?: number | string | null;
  attributes?: FlexipimWireList<FlexipimWireAttribute> | null;
}

/** A page of a list, normalised. */
export interface FlexipimPage<T> {
  items: T[];
  /** The total when flexiPIM reported one (the `count` key or a /count call). */
  total?: number;
}

/** Numeric keys (`"0"`, `"1"`, …) in numeric order, whatever order the JSON object had. */
const INDEX_KEY = /^\d+$/;

/**
 * Turns either list shape into an array and picks up the embedded `count`, if any. Anything else
 * (null, a string) is an empty list.
 */
export function normaliseList<T>(data: unknown): FlexipimPage<T> {
  if (Array.isArray(data)) return { items: data as T[] };
  if (!data || typeof data !== 'object') return { items: [] };
  const record = data as Record<string, unknown>;
  const items = Object.keys(record)
    .filter((k) => INDEX_KEY.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => record[k] as T);
  const count = record.count as FlexipimCount | undefined;
  const total = count && typeof count === 'object' ? intOrNull(count.total_count) : null;
  return total === null ? { items } : { items, total };
}

// --- GraphQL-facing models ---------------------------------------------------------------------

/** flexiPIM flags come as booleans, 0/1 or "0"/"1". */
function flagOrNull(value: unknown): boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value;
  return ['1', 'true', 'yes'].includes(String(value).toLowerCase());
}

/** Where a catalogue object was read: the family and product fields that load more need it. */
export interface FlexipimReadContext {
  channel: string;
  language?: string;
  timeZone: string;
}

/** The id, code and name of every catalogue model. */
export interface FlexipimNamedModel {
  id: string;
  code: string | null;
  name: string | null;
}

/** A catalogue object's dates, read in the instance's time zone. */
export interface FlexipimDatedModel {
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface FlexipimFamilyModel extends FlexipimNamedModel, FlexipimDatedModel {
  sortOrder: number | null;
  status: string | null;
  createdBy: string | null;
  updatedBy: string | null;
  /** Channel and language the family's attribute groups are read in (channel optional there). */
  read: Omit<FlexipimReadContext, 'channel'> & { channel?: string };
}

/** A family, whole or as the `family_info` entry of a product (the fields it lacks are null). */
export function toFamily(f: FlexipimWireFamily, read: FlexipimFamilyModel['read']): FlexipimFamilyModel {
  return {
    id: String(f.id),
    code: textOrNull(f.code),
    name: textOrNull(f.name),
    sortOrder: intOrNull(f.sort_order),
    status: textOrNull(f.status),
    createdBy: textOrNull(f.created_by),
    updatedBy: textOrNull(f.updated_by),
    createdAt: parseVendorDate(f.created_at, read.timeZone),
    updatedAt: parseVendorDate(f.updated_at, read.timeZone),
    read,
  };
}

export interface FlexipimCategoryModel extends FlexipimNamedModel, FlexipimDatedModel {
  image: string | null;
  parentId: string | null;
  sortOrder: number | null;
  status: string | null;
}

/** A category, whole or as the `category_info` entry of a product (the fields it lacks are null). */
export function toCategory(c: FlexipimWireCategory, timeZone: string): FlexipimCategoryModel {
  return {
    id: String(c.id),
    code: textOrNull(c.code),
    name: textOrNull(c.name),
    image: textOrNull(c.image),
    parentId: textOrNull(c.parent_id) === '0' ? null : textOrNull(c.parent_id),
    sortOrder: intOrNull(c.sort_order),
    status: textOrNull(c.status),
    createdAt: parseVendorDate(c.created_at, timeZone),
    updatedAt: parseVendorDate(c.updated_at, timeZone),
  };
}

export interface FlexipimAttributeModel extends FlexipimNamedModel, FlexipimDatedModel {
  code: string;
  type: string | null;
  required: boolean | null;
  unique: boolean | null;
  localizable: boolean | null;
  options: string[] | null;
  groupId: string | null;
}

export function toAttribute(a: FlexipimWireAttribute, timeZone: string): FlexipimAttributeModel {
  return {
    id: String(a.id),
    code: a.code,
    name: textOrNull(a.name),
    type: textOrNull(a.type),
    required: flagOrNull(a.is_required),
    unique: flagOrNull(a.is_unique),
    localizable: flagOrNull(a.localizable),
    options: a.options ? normaliseList<string>(a.options).items.map(String) : null,
    groupId: textOrNull(a.group_id),
    createdAt: parseVendorDate(a.created_at, timeZone),
    updatedAt: parseVendorDate(a.updated_at, timeZone),
  };
}

export interface FlexipimAttributeGroupModel extends FlexipimNamedModel {
  sortOrder: number | null;
  attributes: FlexipimAttributeModel[];
}

export function toAttributeGroup(g: FlexipimWireAttributeGroup, timeZone: string): FlexipimAttributeGroupModel {
  return {
    id: String(g.id),
    code: textOrNull(g.code),
    name: textOrNull(g.name),
    sortOrder: intOrNull(g.sort_order),
    attributes: normaliseList<FlexipimWireAttribute>(g.attributes).items.map((a) => toAttribute(a, timeZone)),
  };
}

export interface FlexipimAttributeValueModel {
  code: string;
  value: unknown;
  read: FlexipimReadContext;
}

export interface FlexipimProductModel extends FlexipimDatedModel {
  id: string;
  sku: string | null;
  name: string | null;
  description: string | null;
  status: string | null;
  manufacturer: string | null;
  families: FlexipimFamilyModel[];
  categories: FlexipimCategoryModel[];
  attributes: FlexipimAttributeValueModel[];
  channel: string;
}

function attributeValues(
  raw: FlexipimWireProduct['attributes'],
  read: FlexipimReadContext,
): FlexipimAttributeValueModel[] {
  if (!raw) return [];
  if (Array.isArray(raw))
    return raw.filter((a) => a && a.code).map((a) => ({ code: a.code, value: a.value ?? null, read }));
  return Object.entries(raw).map(([code, value]) => ({ code, value: value ?? null, read }));
}

export function toProduct(p: FlexipimWireProduct, read: FlexipimReadContext): FlexipimProductModel {
  return {
    id: String(p.id),
    sku: textOrNull(p.sku),
    name: textOrNull(p.name),
    description: textOrNull(p.decsription ?? p.description),
    status: textOrNull(p.status),
    manufacturer: textOrNull(p.manufacturer),
    families: normaliseList<FlexipimRef>(p.family_info).items.map((f) => toFamily(f, read)),
    categories: normaliseList<FlexipimRef>(p.category_info).items.map((c) => toCategory(c, read.timeZone)),
    attributes: attributeValues(p.attributes, read),
    createdAt: parseVendorDate(p.created_at, read.timeZone),
    updatedAt: parseVendorDate(p.updated_at, read.timeZone),
    channel: read.channel,
  };
}
