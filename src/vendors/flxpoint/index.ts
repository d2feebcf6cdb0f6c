/**
 * The Flxpoint vendor module: commerce operations — account, connections, channels, inventory,
 * orders, fulfillment requests, shipments and reseller channel products — each call made with the
 * token type its endpoint takes and queued to Flxpoint's 2 requests/second per token.
 */
import type { VendorHandle } from '../../context.js';
import { defineVendor } from '../../kit/vendor.js';
import { FlxpointClient } from './client.js';
import { FLXPOINT_SECRETS, flxpointEnv, flxpointSettings } from './config.js';
import { createFlxpointLoaders, type FlxpointLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';

export { FlxpointClient } from './client.js';
export type { FlxpointLoaders };

declare module '../../context.js' {
  interface VendorHandles {
    flxpoint: VendorHandle<FlxpointClient, FlxpointLoaders>;
  }
}

export const flxpoint = defineVendor({
  name: 'flxpoint',
  env: flxpointEnv,
  secretEnv: FLXPOINT_SECRETS,
  baseUrlEnv: 'FLXPOINT_BASE_URL',
  settings: (env, deps) => flxpointSettings(env, deps.timeZone, deps.secret),
  createClient: (settings, deps) => new FlxpointClient(settings, deps),
  createLoaders: (client, kit) => createFlxpointLoaders(client, kit),
  resolvers,
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
});
