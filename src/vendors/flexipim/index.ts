/**
 * The flexiPIM vendor module: the product catalogue (products, families, categories, attributes
 * and attribute groups) of a flexiPIM instance, per channel.
 */
import { defineVendor } from '../types.js';
import { FlexipimClient } from './client.js';
import { FLEXIPIM_SECRETS, flexipimEnv, flexipimSettings } from './config.js';
import { createFlexipimLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { FlexipimClient } from './client.js';
export type { FlexipimLoaders } from './loaders.js';

export const flexipim = defineVendor({
  name: 'flexipim',
  env: flexipimEnv,
  secretEnv: FLEXIPIM_SECRETS,
  baseUrlEnv: 'FLEXIPIM_BASE_URL',
  settings: (env, deps) => flexipimSettings(env, deps.timeZone),
  createClient: (settings, deps) => new FlexipimClient(settings, deps),
  createLoaders: (client) => createFlexipimLoaders(client),
  resolvers: resolvers as Record<string, unknown>,
  async health(client) {
    return { healthy: true, message: await client.checkConnection() };
  },
  simulator: async () => (await import('../../sandbox/flexipim/index.js')).flexipimSimulator,
});
