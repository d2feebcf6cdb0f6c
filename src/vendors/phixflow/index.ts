/**
 * The PhixFlow vendor module: configured actionflow API endpoints, invoked synchronously or
 * asynchronously (with status polling), from an endpoint file.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { PhixflowClient } from './client.js';
import { phixflowConfig } from './config.js';
import { createPhixflowLoaders, type PhixflowLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

declare module '../../context.js' {
  interface VendorHandles {
    phixflow: VendorHandle<PhixflowClient, PhixflowLoaders>;
  }
}

export const phixflow = defineVendor({
  ...phixflowConfig,
  async health(client) {
    return { healthy: true, message: await client.checkHealth() };
  },
  createClient: (settings, deps) => new PhixflowClient(settings, deps),
  createLoaders: createPhixflowLoaders,
  resolvers,
});
