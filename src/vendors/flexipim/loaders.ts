/**
 * The DataLoaders of one GraphQL request for flexiPIM. flexiPIM has no batch reads, so each loader
 * de-duplicates its keys and makes one call (or one paged walk) per distinct key.
 */
import type { LoaderKit } from '../../kit/loaders.js';
import type { FlexipimClient } from './client.js';

/** Parallel flexiPIM calls one loader batch may have in flight. */
export const FLEXIPIM_CONCURRENCY = 4;

/** Where a list is read: flexiPIM scopes catalogue reads by channel and language. */
export interface ChannelKey {
  channel: string;
  language?: string;
}

export function createFlexipimLoaders(client: FlexipimClient, kit: LoaderKit) {
  /** One call per key, at most FLEXIPIM_CONCURRENCY at once; keys are compared by value. */
  const perKey = <K, V>(fetch: (key: K) => Promise<V>) => kit.perKey(fetch, { concurrency: FLEXIPIM_CONCURRENCY, cacheKeyFn: (key) => JSON.stringify(key) });
  return {
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
