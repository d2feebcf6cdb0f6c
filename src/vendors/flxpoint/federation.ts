/**
 * Flxpoint in subgraph mode: orders are entities by id. Flxpoint has no batch read of orders, so
 * each distinct id is one GET /orders/{id} through the request's `order` loader, queued behind the
 * Account token's rate limit like every other order read.
 */
import { entities, entity } from '../../kit/federation.js';
import { toOrder } from './models.js';

export const federation = entities('flxpoint', {
  FlxpointOrder: entity({
    key: 'id',
    load: (id, ctx) => ctx.flxpoint.loaders.order.load(id),
    toModel: (order, ctx) => toOrder(order, ctx.flxpoint.client.settings.timeZone),
  }),
});
