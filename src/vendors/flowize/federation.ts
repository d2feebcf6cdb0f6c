/**
 * Flowize in subgraph mode: records are entities by uuid (GET /record per distinct uuid, through
 * the request's `recordDetail` loader: Flowize has no batch read of records) and environments by
 * id (all of them from the one GET /environment the request makes anyway).
 */
import { found, keyValue, type VendorFederation } from '../../kit/federation.js';
import { toEnvironment } from './models.js';

export const federation: VendorFederation = {
  typeDefs: /* GraphQL */ `
    extend type FlowizeRecord @key(fields: "uuid")
    extend type FlowizeEnvironment @key(fields: "id")
  `,
  resolvers: {
    FlowizeRecord: {
      async __resolveReference(ref, ctx) {
        const uuid = keyValue(ref, 'uuid');
        const detail = found(await ctx.flowize.loaders.recordDetail.load(uuid), 'flowize', 'FlowizeRecord', uuid);
        return { uuid, detail, timeZone: ctx.flowize.client.settings.timeZone };
      },
    },
    FlowizeEnvironment: {
      async __resolveReference(ref, ctx) {
        const id = keyValue(ref, 'id');
        return toEnvironment(
          found(await ctx.flowize.loaders.environment.load(id), 'flowize', 'FlowizeEnvironment', id),
          ctx.flowize.client.settings.timeZone,
        );
      },
    },
  },
};
