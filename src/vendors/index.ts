/**
 * The vendor registry: every vendor the gateway knows, one line each. Adding a vendor is one
 * `schema/<v>.graphql`, one `src/vendors/<v>/`, one `src/sandbox/<v>/` and one line here; the
 * conventions test fails when one is missing.
 */
import { flowize, type FlowizeClient, type FlowizeLoaders } from './flowize/index.js';
import { flexipim, type FlexipimClient, type FlexipimLoaders } from './flexipim/index.js';
import { flxpoint, type FlxpointClient, type FlxpointLoaders } from './flxpoint/index.js';
import { appmixer, type AppmixerClient, type AppmixerLoaders } from './appmixer/index.js';
import { phixflow, type PhixflowClient, type PhixflowLoaders } from './phixflow/index.js';

export const vendors = {
  flowize,
  flexipim,
  flxpoint,
  appmixer,
  phixflow,
} as const;

/**
 * Each vendor's client and loader types. Spelled out (not inferred from `vendors`) because the
 * resolvers' context type depends on them, and inference would go round in a circle.
 */
export interface VendorTypes {
  flowize: { client: FlowizeClient; loaders: FlowizeLoaders };
  flexipim: { client: FlexipimClient; loaders: FlexipimLoaders };
  flxpoint: { client: FlxpointClient; loaders: FlxpointLoaders };
  appmixer: { client: AppmixerClient; loaders: AppmixerLoaders };
  phixflow: { client: PhixflowClient; loaders: PhixflowLoaders };
}

export type VendorName = keyof VendorTypes;
export type Vendors = typeof vendors;
export type { VendorModule, VendorDeps, HealthReport } from './types.js';
