/**
 * The flexiPIM vendor module: the product catalogue (products, families, categories, attributes
 * and attribute groups) of a flexiPIM instance, per channel.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { FlexipimClient } from './client.js';
import { flexipimConfig } from './config.js';
import { createFlexipimLoaders, type FlexipimLoaders } from './loaders.js';
import { federation } from './federation.js';
import { resolvers } from './resolvers.js';

declare module '../../context.js' {
  interface VendorHandles {
    flexipim: VendorHandle<FlexipimClient, FlexipimLoaders>;
  }
}

export const flexipim = defineVendor({
  ...flexipimConfig,
  async health(client) {
    return { healthy: true, message: await client.checkConnection() };
  },
  createClient: (settings, deps) => new FlexipimClient(settings, deps),
  createLoaders: createFlexipimLoaders,
  resolvers,
  federation,
});
