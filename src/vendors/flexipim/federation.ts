/**
 * flexiPIM in subgraph mode: products are entities by id, read in a channel — the one the
 * representation names (key `id channel`), else FLEXIPIM_ENTITY_CHANNEL (key `id`). flexiPIM has
 * no read by id: all the ids of a request share one walk through the channel's product pages
 * (the `productById` loader), so an entity costs pages, not calls per id.
 */
import { badUserInput } from '../../errors.js';
import { found, keyValue, type VendorFederation } from '../../kit/federation.js';
import { toProduct } from './models.js';

export const federation: VendorFederation = {
  typeDefs: /* GraphQL */ `
    extend type FlexipimProduct @key(fields: "id") @key(fields: "id channel")
  `,
  resolvers: {
    FlexipimProduct: {
      async __resolveReference(ref, ctx) {
        const id = keyValue(ref, 'id');
        const channel =
          ref.channel === undefined || ref.channel === null
            ? ctx.flexipim.client.settings.entityChannel
            : keyValue(ref, 'channel');
        if (!channel)
          throw badUserInput('FlexipimProduct needs its channel on this gateway (FLEXIPIM_ENTITY_CHANNEL is not set)');
        if (!/^\d{1,18}$/.test(channel))
          throw badUserInput('FlexipimProduct.channel must be a numeric flexiPIM channel id');
        const product = found(
          await ctx.flexipim.loaders.productById.load({ channel, id }),
          'flexipim',
          'FlexipimProduct',
          id,
        );
        return toProduct(product, { channel, timeZone: ctx.flexipim.client.settings.timeZone });
      },
    },
  },
};
