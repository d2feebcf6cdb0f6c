/**
 * The PhixFlow vendor module: configured actionflow API endpoints, invoked synchronously or
 * asynchronously (with status polling), from an endpoint file.
 */
import { defineVendor } from '../types.js';
import { PhixflowClient } from './client.js';
import { PHIXFLOW_SECRETS, phixflowEnv, phixflowSettings } from './config.js';
import { createPhixflowLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { PhixflowClient } from './client.js';
export type { PhixflowLoaders } from './loaders.js';

export const phixflow = defineVendor({
  name: 'phixflow',
  env: phixflowEnv,
  secretEnv: PHIXFLOW_SECRETS,
  baseUrlEnv: 'PHIXFLOW_BASE_URL',
  settings: (env) => phixflowSettings(env),
  createClient: (settings, deps) => new PhixflowClient(settings, deps),
  createLoaders: (client) => createPhixflowLoaders(client),
  resolvers: resolvers as Record<string, unknown>,
  async health(client) {
    return { healthy: true, message: await client.checkHealth() };
  },
  simulator: async () => (await import('../../sandbox/phixflow/index.js')).phixflowSimulator,
});
