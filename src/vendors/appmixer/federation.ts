/**
 * Appmixer in subgraph mode: flows are entities by id, one GET /flows/:id per distinct id through
 * the request's `flow` loader (Appmixer has no batch read; the loader caps the calls in flight).
 */
import { found, keyValue, type VendorFederation } from '../../kit/federation.js';

export const federation: VendorFederation = {
  typeDefs: /* GraphQL */ `
    extend type AppmixerFlow @key(fields: "id")
  `,
  resolvers: {
    AppmixerFlow: {
      async __resolveReference(ref, ctx) {
        const id = keyValue(ref, 'id');
        return found(await ctx.appmixer.loaders.flow.load(id), 'appmixer', 'AppmixerFlow', id);
      },
    },
  },
};
