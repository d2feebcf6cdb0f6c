/**
 * The Flowize vendor module: data records, flows, data schema, keystores, tables and
 * environments over REST, and record creation over SOAP.
 */
import { defineVendor } from '../types.js';
import { FlowizeClient } from './client.js';
import { FLOWIZE_SECRETS, flowizeEnv, flowizeSettings } from './config.js';
import { createFlowizeLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { FlowizeClient } from './client.js';
export type { FlowizeLoaders } from './loaders.js';

export const flowize = defineVendor({
  name: 'flowize',
  env: flowizeEnv,
  secretEnv: FLOWIZE_SECRETS,
  baseUrlEnv: 'FLOWIZE_BASE_URL',
  settings: (env, deps) => flowizeSettings(env, deps.timeZone),
  createClient: (settings, deps) => new FlowizeClient(settings, deps),
  createLoaders: (client) => createFlowizeLoaders(client),
  resolvers: resolvers as Record<string, unknown>,
  async health(client) {
    await client.checkAuthentication();
    return { healthy: true, message: `auth mode ${client.settings.auth.mode}` };
  },
  simulator: async () => (await import('../../sandbox/flowize/index.js')).flowizeSimulator,
});
