/**
 * The Flowize vendor module: data records, flows, data schema, keystores, tables and
 * environments over REST, and record creation over SOAP.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { FlowizeClient } from './client.js';
import { flowizeConfig } from './config.js';
import { createFlowizeLoaders, type FlowizeLoaders } from './loaders.js';
import { federation } from './federation.js';
import { resolvers } from './resolvers.js';

declare module '../../context.js' {
  interface VendorHandles {
    flowize: VendorHandle<FlowizeClient, FlowizeLoaders>;
  }
}

export const flowize = defineVendor({
  ...flowizeConfig,
  async health(client) {
    await client.checkAuthentication();
    return { healthy: true, message: `auth mode ${client.settings.auth.mode}` };
  },
  createClient: (settings, deps) => new FlowizeClient(settings, deps),
  createLoaders: createFlowizeLoaders,
  resolvers,
  federation,
});
