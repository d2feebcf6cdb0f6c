/**
 * The PhixFlow vendor module: configured actionflow API endpoints, invoked synchronously or
 * asynchronously (with status polling), from an endpoint file.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { PhixflowClient } from './client.js';
import { PHIXFLOW_SECRETS, phixflowEnv, phixflowSettings } from './config.js';
import { createPhixflowLoaders, type PhixflowLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { PhixflowClient } from './client.js';
export type { PhixflowLoaders };

declare module '../../context.js' {
  interface VendorHandles {
    phixflow: VendorHandle<PhixflowClient, PhixflowLoaders>;
  }
}

export const phixflow = defineVendor({
  name: 'phixflow',
  env: phixflowEnv,
  secretEnv: PHIXFLOW_SECRETS,
  baseUrlEnv: 'PHIXFLOW_BASE_URL',
  settings: (env) => phixflowSettings(env),
  createClient: (settings, deps) => new PhixflowClient(settings, deps),
  createLoaders: (client, kit) => createPhixflowLoaders(client, kit),
  resolvers,
  async health(client) {
    return { healthy: true, message: await client.checkHealth() };
  },
});
