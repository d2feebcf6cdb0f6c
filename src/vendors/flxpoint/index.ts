/**
 * The Flxpoint vendor module: commerce operations — account, connections, channels, inventory,
 * orders, fulfillment requests, shipments and reseller channel products — each call made with the
 * token type its endpoint takes and queued to Flxpoint's 2 requests/second per token.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
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

export const flxpoint = defineVendor({
  ...flxpointConfig,
  async health(client) {
    const { tokens } = client.settings;
    const configured = `tokens: ${tokens.account ? 'account, ' : ''}${tokens.sources.size} source, ${tokens.channels.size} channel`;
    if (tokens.account) {
      const account = await client.getAccount();
      return { healthy: true, message: `workspace ${account.subdomain ?? account.id}; ${configured}` };
    }
    // Without an Account token /account answers 403: a one-item page proves a Source or Channel token.
    const [sourceId] = tokens.sources.keys();
    if (sourceId !== undefined) await client.listInventoryVariants({ sourceId }, 1, 1);
    else await client.listResellerVariants([...tokens.channels.keys()][0], { filterUpdatedAfter: new Date().toISOString() }, 1, 1);
    return { healthy: true, message: configured };
  },
  createClient: (settings, deps) => new FlxpointClient(settings, deps),
  createLoaders: createFlxpointLoaders,
  resolvers,
  federation,
});
