/**
 * The Appmixer vendor module: automation flows (with start/stop), run logs, connected accounts,
 * apps, people tasks, data stores, unprocessed messages, flow variables and files.
 */
import type { VendorHandle } from '../../context.js';
import { vendorModule } from '../../kit/vendor.js';
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

export const appmixer = vendorModule(appmixerConfig, AppmixerClient, createAppmixerLoaders, { resolvers, federation });
