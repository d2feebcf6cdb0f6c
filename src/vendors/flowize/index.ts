/**
 * The Flowize vendor module: data records, flows, data schema, keystores, tables and
 * environments over REST, and record creation over SOAP.
 */
import type { VendorHandle } from '../../context.js';
import { vendorModule } from '../../kit/vendor.js';
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

export const flowize = vendorModule(flowizeConfig, FlowizeClient, createFlowizeLoaders, { resolvers, federation });
