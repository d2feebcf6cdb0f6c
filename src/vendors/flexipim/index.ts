/**
 * The flexiPIM vendor module: the product catalogue (products, families, categories, attributes
 * and attribute groups) of a flexiPIM instance, per channel.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { FlexipimClient } from './client.js';
import { FLEXIPIM_SECRETS, flexipimEnv, flexipimSettings } from './config.js';
import { createFlexipimLoaders, type FlexipimLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { FlexipimClient } from './client.js';
export type { FlexipimLoaders };

declare module '../../context.js' {
  interface VendorHandles {
    flexipim: VendorHandle<FlexipimClient, FlexipimLoaders>;
  }
}

export const flexipim = defineVendor({
  name: 'flexipim',
  env: flexipimEnv,
  secretEnv: FLEXIPIM_SECRETS,
  baseUrlEnv: 'FLEXIPIM_BASE_URL',
  settings: (env, deps) => flexipimSettings(env, deps.timeZone),
  createClient: (settings, deps) => new FlexipimClient(settings, deps),
  createLoaders: (client, kit) => createFlexipimLoaders(client, kit),
  resolvers,
  async health(client) {
    return { healthy: true, message: await client.checkConnection() };
  },
});
