/**
 * The DataLoaders of one GraphQL request for flexiPIM. flexiPIM has no batch reads, so each loader
 * de-duplicates its keys and makes one call (or one paged walk) per distinct key.
 */
import type { LoaderKit } from '../../kit/loaders.js';
import type { FlexipimClient } from './client.js';
import type { FlexipimWireProduct } from './models.js';

/** Parallel flexiPIM calls one loader batch may have in flight. */
export const FLEXIPIM_CONCURRENCY = 4;

/** Where a list is read: flexiPIM scopes catalogue reads by channel and language. */
export interface ChannelKey {
  channel: string;
  language?: string;
}

/** Most catalogue pages one product-by-id walk reads (flexiPIM has no product read by id). */
export const PRODUCT_WALK_MAX_PAGES = 20;

/** A product by id, as read in one channel (and language). */
export interface ProductKey extends ChannelKey {
  id: string;
}

const productKey = (k: ProductKey) => JSON.stringify([k.channel, k.language ?? null, k.id]);

/**
 * Products by id. flexiPIM has no read by id, so the ids wanted in one channel and language share
 * ONE walk through the channel's product pages (at the largest page size), which stops as soon as
 * every id is found, at the last page, or after PRODUCT_WALK_MAX_PAGES pages; an id not met
 * resolves to null.
 */
function productsById(client: FlexipimClient, kit: LoaderKit) {
  return kit.groupedBatch<ProductKey, FlexipimWireProduct, string>({
    groupOf: (k) => JSON.stringify([k.channel, k.language ?? null]),
    cacheKeyFn: productKey,
    concurrency: FLEXIPIM_CONCURRENCY,
    fetch: async (group, keys) => {
      const [channel, language] = JSON.parse(group) as [string, string | null];
      const wanted = new Set(keys.map((k) => k.id));
      const seen = new Map<string, FlexipimWireProduct>();
      const size = client.settings.maxPageSize;
      for (let page = 1; page <= PRODUCT_WALK_MAX_PAGES && wanted.size > 0; page++) {
        const items = await client.listProducts({ channel, language: language ?? undefined, page, recLimit: size });
        for (const p of items) if (wanted.delete(String(p.id))) seen.set(String(p.id), p);
        if (items.length < size) break;
      }
      return new Map(keys.map((k) => [productKey(k), seen.get(k.id) ?? null]));
    },
  });
}

export function createFlexipimLoaders(client: FlexipimClient, kit: LoaderKit) {
  /** One call per key, at most FLEXIPIM_CONCURRENCY at once; keys are compared by value. */
  const perKey = <K, V>(fetch: (key: K) => Promise<V>) =>
    kit.perKey(fetch, { concurrency: FLEXIPIM_CONCURRENCY, cacheKeyFn: (key) => JSON.stringify(key) });
  return {
    /** Products by id: one walk of the channel's pages for all the ids of a request (federation entities). */
    productById: productsById(client, kit),
    /** Every attribute definition of a channel: read once per request, shared by all products. */
    attributes: perKey((key: ChannelKey) => client.listAllAttributes(key.channel, key.language)),
    /** POST /products/count per channel. */
    productCount: perKey((channel: string) => client.countProducts(channel)),
    /** POST /families/count (when a families page carries no embedded count). */
    familyCount: perKey((channel: string) => client.countFamilies(channel)),
    /** POST /categories/count (when a categories page carries no embedded count). */
    categoryCount: perKey((channel: string) => client.countCategories(channel)),
    /** POST /families/getAttributesGroup per family (and channel/language). */
    familyAttributeGroups: perKey((key: { familyId: string; channel?: string; language?: string }) =>
      client.getFamilyAttributeGroups(key.familyId, key.channel, key.language),
    ),
  };
}

export type FlexipimLoaders = ReturnType<typeof createFlexipimLoaders>;
