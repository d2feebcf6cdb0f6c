/**
 * Flxpoint in subgraph mode: orders are entities by id. Flxpoint has no batch read of orders, so
 * each distinct id is one GET /orders/{id} through the request's `order` loader, queued behind the
 * Account token's rate limit like every other order read.
 */
import { found, keyValue, type VendorFederation } from '../../kit/federation.js';
import { toOrder } from './models.js';

export const federation: VendorFederation = {
  typeDefs: /* GraphQL */ `
    extend type FlxpointOrder @key(fields: "id")
  `,
  resolvers: {
    FlxpointOrder: {
      async __resolveReference(ref, ctx) {
        const id = keyValue(ref, 'id');
        return toOrder(
          found(await ctx.flxpoint.loaders.order.load(id), 'flxpoint', 'FlxpointOrder', id),
          ctx.flxpoint.client.settings.timeZone,
        );
      },
    },
  },
};
