/**
 * The Appmixer vendor module: automation flows (with start/stop), run logs, connected accounts,
 * apps, people tasks, data stores, unprocessed messages, flow variables and files.
 */
import { defineVendor } from '../types.js';
import { AppmixerClient } from './client.js';
import { APPMIXER_SECRETS, appmixerEnv, appmixerSettings } from './config.js';
import { createAppmixerLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { AppmixerClient } from './client.js';
export type { AppmixerLoaders } from './loaders.js';

export const appmixer = defineVendor({
  name: 'appmixer',
  env: appmixerEnv,
  secretEnv: APPMIXER_SECRETS,
  baseUrlEnv: 'APPMIXER_BASE_URL',
  settings: (env) => appmixerSettings(env),
  createClient: (settings, deps) => new AppmixerClient(settings, deps),
  createLoaders: (client) => createAppmixerLoaders(client),
  resolvers: resolvers as Record<string, unknown>,
  async health(client) {
    const user = await client.getCurrentUser();
    return { healthy: true, message: `signed in (scope: ${(user.scope ?? ['user']).join(', ')})` };
  },
  simulator: async () => (await import('../../sandbox/appmixer/index.js')).appmixerSimulator,
});
