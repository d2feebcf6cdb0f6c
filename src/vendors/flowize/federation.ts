/**
 * Flowize in subgraph mode: records are entities by uuid (GET /record per distinct uuid, through
 * the request's `recordDetail` loader: Flowize has no batch read of records) and environments by
 * id (all of them from the one GET /environment the request makes anyway).
 */
import { entities, entity } from '../../kit/federation.js';
import { toEnvironment } from './models.js';

export const federation = entities('flowize', {
  FlowizeRecord: entity({
    key: 'uuid',
    load: (uuid, ctx) => ctx.flowize.loaders.recordDetail.load(uuid),
    toModel: (detail, ctx, uuid) => ({ uuid, detail, timeZone: ctx.flowize.client.settings.timeZone }),
  }),
  FlowizeEnvironment: entity({
    key: 'id',
    load: (id, ctx) => ctx.flowize.loaders.environment.load(id),
    toModel: (environment, ctx) => toEnvironment(environment, ctx.flowize.client.settings.timeZone),
  }),
});
