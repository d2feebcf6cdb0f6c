/**
 * The Appmixer vendor module: automation flows (with start/stop), run logs, connected accounts,
 * apps, people tasks, data stores, unprocessed messages, flow variables and files.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { AppmixerClient } from './client.js';
import { appmixerConfig } from './config.js';
import { createAppmixerLoaders, type AppmixerLoaders } from './loaders.js';
import { federation } from './federation.js';
import { resolvers } from './resolvers.js';

declare module '../../context.js' {
  interface VendorHandles {
    appmixer: VendorHandle<AppmixerClient, AppmixerLoaders>;
  }
}

export const appmixer = defineVendor({
  ...appmixerConfig,
  async health(client) {
    const user = await client.getCurrentUser();
    return { healthy: true, message: `signed in (scope: ${(user.scope ?? ['user']).join(', ')})` };
  },
  createClient: (settings, deps) => new AppmixerClient(settings, deps),
  createLoaders: createAppmixerLoaders,
  resolvers,
  federation,
});
