/**
 * The Flxpoint vendor module: commerce operations — account, connections, channels, inventory,
 * orders, fulfillment requests, shipments and reseller channel products — each call made with the
 * token type its endpoint takes and queued to Flxpoint's 2 requests/second per token.
 */
import type { VendorHandle } from '../../context.js';
import { vendorModule } from '../../kit/vendor.js';
import { FlxpointClient } from './client.js';
import { flxpointConfig } from './config.js';
import { createFlxpointLoaders, type FlxpointLoaders } from './loaders.js';
import { federation } from './federation.js';
import { resolvers } from './resolvers.js';

declare module '../../context.js' {
  interface VendorHandles {
    flxpoint: VendorHandle<FlxpointClient, FlxpointLoaders>;
  }
}

export const flxpoint = vendorModule(flxpointConfig, FlxpointClient, createFlxpointLoaders, { resolvers, federation });
