/**
 * The small contract every vendor module fulfils. A vendor is one folder with fixed role files
 * (config, client, models, loaders, resolvers, index) whose index exports one object built with
 * {@link defineVendor}; `src/vendors/index.ts` lists them.
 */
import type { z } from 'zod';
import type { Mode } from '../config.js';
import type { VendorHttpDefaults } from '../http/client.js';
import type { KeyValueStore } from '../http/store.js';
import type { Logger } from '../logger.js';
import type { SimulatorDefinition } from '../sandbox/framework.js';

/** Shared services a vendor client is built with. */
export interface VendorDeps {
  mode: Mode;
  /** The vendor's http settings (its overrides applied) and the gateway's shared http state. */
  http: VendorHttpDefaults;
  logger: Logger;
  store: KeyValueStore;
  /** Default IANA time zone for vendor wall-clock strings. */
  timeZone: string;
}

export interface HealthReport {
  healthy: boolean;
  message?: string;
}

/** The result of reading a vendor's settings: usable settings, or the variables that are missing. */
export type SettingsResult<S> = { settings: S } | { missing: string[] };

export interface VendorModule<Env extends z.ZodTypeAny, Settings, Client, Loaders> {
  /** Lower-case vendor name: the GraphQL namespace, the schema file and the folder names. */
  name: string;
  /** The vendor's environment variables (keys are variable names), validated at startup. */
  env: Env;
  /** Variables holding secrets: registered for redaction, never echoed. */
  secretEnv: readonly string[];
  /** The variable that points the vendor at a server; set in sandbox mode, it replaces the simulator. */
  baseUrlEnv: string;
  /** Turns validated variables into settings, or names what is missing. */
  settings(env: z.infer<Env>, deps: VendorDeps): SettingsResult<Settings>;
  /** The vendor client: one per gateway process, shared by all requests. */
  createClient(settings: Settings, deps: VendorDeps): Client;
  /** The DataLoaders of one GraphQL request. */
  createLoaders(client: Client): Loaders;
  /** Resolver map for the vendor's part of the schema. */
  resolvers: Record<string, unknown>;
  /** A cheap authenticated call that shows the vendor answers with these settings. */
  health(client: Client): Promise<HealthReport>;
  /** The vendor's sandbox simulator, loaded only in sandbox mode. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  simulator(): Promise<SimulatorDefinition<any>>;
}

/** Identity function that infers a vendor module's types. */
export function defineVendor<Env extends z.ZodTypeAny, Settings, Client, Loaders>(
  module: VendorModule<Env, Settings, Client, Loaders>,
): VendorModule<Env, Settings, Client, Loaders> {
  return module;
}

/** The parent value of a vendor namespace type (`FlowizeQuery`): nothing, resolvers use context. */
export type Namespace = Record<string, never>;
