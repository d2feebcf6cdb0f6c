/**
 * The Appmixer vendor module: automation flows (with start/stop), run logs, connected accounts,
 * apps, people tasks, data stores, unprocessed messages, flow variables and files.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { AppmixerClient } from './client.js';
import { APPMIXER_SECRETS, appmixerEnv, appmixerSettings } from './config.js';
import { createAppmixerLoaders, type AppmixerLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { AppmixerClient } from './client.js';
export type { AppmixerLoaders };

declare module '../../context.js' {
  interface VendorHandles {
    appmixer: VendorHandle<AppmixerClient, AppmixerLoaders>;
  }
}

export const appmixer = defineVendor({
  name: 'appmixer',
  env: appmixerEnv,
  secretEnv: APPMIXER_SECRETS,
  baseUrlEnv: 'APPMIXER_BASE_URL',
  settings: (env) => appmixerSettings(env),
  createClient: (settings, deps) => new AppmixerClient(settings, deps),
  createLoaders: (client, kit) => createAppmixerLoaders(client, kit),
  resolvers,
  async health(client) {
    const user = await client.getCurrentUser();
    return { healthy: true, message: `signed in (scope: ${(user.scope ?? ['user']).join(', ')})` };
  },
});
