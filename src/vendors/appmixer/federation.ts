/**
 * Appmixer in subgraph mode: flows are entities by id, one GET /flows/:id per distinct id through
 * the request's `flow` loader (Appmixer has no batch read; the loader caps the calls in flight).
 */
import { entities } from '../../kit/federation.js';

export const federation = entities('appmixer', {
  AppmixerFlow: { key: 'id', load: (id, ctx) => ctx.appmixer.loaders.flow.load(id) },
});
