/**
 * flexiPIM resolvers: thin, typed by codegen. Lists are page/rec_limit connections; vendor shapes
 * are mapped in models.ts; attribute definitions and family groups come through loaders.
 */
import { offsetConnection, pagedConnection, type ConnectionArgs } from '../../connections.js';
import { badUserInput } from '../../errors.js';
import type { GatewayContext } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { FLEXIPIM_DEFAULT_PAGE_SIZE, type FlexipimClient, type FlexipimListQuery } from './client.js';
import {
  toAttribute,
  toAttributeGroup,
  toCategory,
  toFamily,
  toProduct,
  type FlexipimPage,
  type FlexipimReadContext,
} from './models.js';

/** flexiPIM channel ids are numeric form values. */
function channelId(value: string, arg = 'channel'): string {
  if (!/^\d{1,18}$/.test(value)) throw badUserInput(`${arg} must be a numeric flexiPIM channel id`);
  return value;
}

function languageCode(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!/^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$/.test(value))
    throw badUserInput('language must be a language code such as en or en_US');
  return value;
}

function readContext(ctx: GatewayContext, channel: string, language: string | null | undefined): FlexipimReadContext {
  return {
    channel: channelId(channel),
    language: languageCode(language),
    timeZone: ctx.flexipim.client.settings.timeZone,
  };
}

const paging = (ctx: GatewayContext) => ({
  maxPageSize: ctx.flexipim.client.settings.maxPageSize,
  defaultSize: FLEXIPIM_DEFAULT_PAGE_SIZE,
});

/** A catalogue list's arguments: the channel and language it is read in, and the page. */
type CatalogueListArgs = ConnectionArgs & { channel: string; language?: string | null };

/** The list call for page `page` of `recLimit` items, read in `read`'s channel and language. */
function listQuery(read: FlexipimReadContext, page: number, recLimit: number): FlexipimListQuery {
  return { channel: read.channel, language: read.language, page, recLimit };
}

/**
 * The resolver of a list whose pages embed their `count` (families, categories): a page/rec_limit
 * connection that asks the /count companion (the `count` loader, keyed by channel) only when a page
 * came without one.
 */
function countedList<W, M>(
  list: (client: FlexipimClient, query: FlexipimListQuery) => Promise<FlexipimPage<W>>,
  count: 'familyCount' | 'categoryCount',
  toModel: (wire: W, read: FlexipimReadContext) => M,
) {
  return (_p: unknown, { channel, language, ...page }: CatalogueListArgs, ctx: GatewayContext) => {
    const read = readContext(ctx, channel, language);
    return pagedConnection(page, {
      ...paging(ctx),
      fetchPage: async (n, size) => {
        const result = await list(ctx.flexipim.client, listQuery(read, n, size));
        const total = result.total ?? (await ctx.flexipim.loaders[count].load(read.channel));
        return { items: result.items.map((w) => toModel(w, read)), total };
      },
    });
  };
}

export const resolvers: Resolvers = {
  Query: {
    flexipim: (_parent, _args, ctx) => (ctx.flexipim, {}),
  },
  FlexipimQuery: {
    connectionCheck: async (_p, _a, ctx) => ({ connected: true, message: await ctx.flexipim.client.checkConnection() }),
    products: (_p, { channel, language, ...page }, ctx) => {
      const read = readContext(ctx, channel, language);
      return pagedConnection(page, {
        ...paging(ctx),
        fetchPage: async (n, size) => {
          // Products come as a bare array: the total is a separate call, made alongside the page.
          const [items, total] = await Promise.all([
            ctx.flexipim.client.listProducts(listQuery(read, n, size)),
            ctx.flexipim.loaders.productCount.load(read.channel),
          ]);
          return { items: items.map((p) => toProduct(p, read)), total };
        },
      });
    },
    families: countedList((client, query) => client.listFamilies(query), 'familyCount', toFamily),
    categories: countedList(
      (client, query) => client.listCategories(query),
      'categoryCount',
      (c, read) => toCategory(c, read.timeZone),
    ),
    attributes: async (_p, { channel, language, ...page }, ctx) => {
      const read = readContext(ctx, channel, language);
      // Served from the per-request list that product attribute values use too.
      const all = await ctx.flexipim.loaders.attributes.load({ channel: read.channel, language: read.language });
      return offsetConnection(page, {
        maxPageSize: 500,
        defaultSize: FLEXIPIM_DEFAULT_PAGE_SIZE,
        fetch: async (offset, limit) => ({
          items: all.slice(offset, offset + limit).map((a) => toAttribute(a, read.timeZone)),
          total: all.length,
        }),
      });
    },
    familyAttributeGroups: async (_p, { familyId, channel, language }, ctx) => {
      const key = {
        familyId,
        channel: channel == null ? undefined : channelId(channel),
        language: languageCode(language),
      };
      const groups = await ctx.flexipim.loaders.familyAttributeGroups.load(key);
      return groups.map((g) => toAttributeGroup(g, ctx.flexipim.client.settings.timeZone));
    },
  },
  FlexipimFamily: {
    attributeGroups: async (f, _a, ctx) => {
      const groups = await ctx.flexipim.loaders.familyAttributeGroups.load({
        familyId: f.id,
        channel: f.read.channel,
        language: f.read.language,
      });
      return groups.map((g) => toAttributeGroup(g, f.read.timeZone));
    },
  },
  FlexipimAttributeValue: {
    attribute: async (v, _a, ctx) => {
      const all = await ctx.flexipim.loaders.attributes.load({ channel: v.read.channel, language: v.read.language });
      const found = all.find((a) => a.code === v.code);
      return found ? toAttribute(found, v.read.timeZone) : null;
    },
  },
};
