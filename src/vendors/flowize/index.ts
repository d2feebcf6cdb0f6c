/**
 * The Flowize vendor module: data records, flows, data schema, keystores, tables and
 * environments over REST, and record creation over SOAP.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { FlowizeClient } from './client.js';
import { FLOWIZE_SECRETS, flowizeEnv, flowizeSettings } from './config.js';
import { createFlowizeLoaders, type FlowizeLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { FlowizeClient } from './client.js';
export type { FlowizeLoaders };

declare module '../../context.js' {
  interface VendorHandles {
    flowize: VendorHandle<FlowizeClient, FlowizeLoaders>;
  }
}

export const flowize = defineVendor({
  name: 'flowize',
  env: flowizeEnv,
  secretEnv: FLOWIZE_SECRETS,
  baseUrlEnv: 'FLOWIZE_BASE_URL',
  settings: (env, deps) => flowizeSettings(env, deps.timeZone),
  createClient: (settings, deps) => new FlowizeClient(settings, deps),
  createLoaders: (client, kit) => createFlowizeLoaders(client, kit),
  resolvers,
  async health(client) {
    await client.checkAuthentication();
    return { healthy: true, message: `auth mode ${client.settings.auth.mode}` };
  },
});
