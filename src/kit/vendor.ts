/**
 * The small contract every vendor module fulfils, and what the core gives a vendor to build with.
 * A vendor is one folder (`src/vendors/<v>/`) whose `index.ts` exports one object built with
 * {@link defineVendor}; the composition root (`src/app.ts`) hands the list to the core. The core
 * never imports a vendor: it sees vendors only through this contract.
 */
import type { z } from 'zod';
import type { Mode } from '../config.js';
import type { VendorHttp, VendorHttpDeclaration, VendorHttpDefaults } from '../http/client.js';
import type { KeyValueStore } from '../http/store.js';
import type { Logger } from '../logger.js';
import type { VendorFederation } from './federation.js';
import type { LoaderKit } from './loaders.js';

/** Shared services a vendor client is built with (one set per vendor per gateway). */
export interface VendorDeps {
  /** The vendor's name (the `vendor` of its errors, metrics and logs). */
  vendor: string;
  mode: Mode;
  /** The vendor's http settings (its overrides applied) and the gateway's shared http state. */
  http: VendorHttpDefaults;
  logger: Logger;
  store: KeyValueStore;
  /** Default IANA time zone for vendor wall-clock strings. */
  timeZone: string;
  /**
   * Builds this vendor's http client from declarations (base URL, auth, headers, error parser,
   * limiter), in the spirit of got's `extend`: the vendor name, settings, logger and the
   * gateway's shared state are filled in.
   */
  createHttp(declaration: VendorHttpDeclaration): VendorHttp;
  /** Registers a credential for redaction on this gateway (values the env list cannot name). */
  secret(value: string | undefined): void;
}

export interface HealthReport {
  healthy: boolean;
  message?: string;
}

/** The result of reading a vendor's settings: usable settings, or the variables that are missing. */
export type SettingsResult<S> = { settings: S } | { missing: string[] };

/** A vendor's configuration part (its `config.ts` exports one, built with {@link defineVendorConfig}). */
export interface VendorConfig<Env extends z.ZodTypeAny = z.ZodTypeAny, Settings = unknown> {
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
}

/** Identity function that infers a vendor configuration's types. */
export function defineVendorConfig<Env extends z.ZodTypeAny, Settings>(
  config: VendorConfig<Env, Settings>,
): VendorConfig<Env, Settings> {
  return config;
}

export interface VendorModule<
  Env extends z.ZodTypeAny = z.ZodTypeAny,
  Settings = unknown,
  Client = unknown,
  Loaders = unknown,
> extends VendorConfig<Env, Settings> {
  /** The vendor client: one per gateway, shared by all requests. */
  createClient(settings: Settings, deps: VendorDeps): Client;
  /** The DataLoaders of one GraphQL request, built with the gateway's loader kit. */
  createLoaders(client: Client, kit: LoaderKit): Loaders;
  /** Resolver map for the vendor's part of the schema. */
  resolvers: object;
  /** A cheap authenticated call that shows the vendor answers with these settings. */
  health(client: Client): Promise<HealthReport>;
  /** The vendor's entities in subgraph mode (VENDORGRAPH_FEDERATION): keys and reference resolvers. */
  federation?: VendorFederation;
}

/** Any vendor module, as the core holds them in a list. */
export type AnyVendorModule = VendorModule<z.ZodTypeAny, any, any, any>;

/** A vendor client as the kit builds it: constructed from settings and deps, with a health check. */
export interface VendorClientClass<Settings, Client extends { health(): Promise<HealthReport> }> {
  new (settings: Settings, deps: VendorDeps): Client;
}

/**
 * A vendor module from its parts: the configuration part (`config.ts`), the client class (whose
 * `health()` is the module's health check), the request loaders and the resolvers (and, optionally,
 * the federation part).
 */
export function vendorModule<
  Env extends z.ZodTypeAny,
  Settings,
  Client extends { health(): Promise<HealthReport> },
  Loaders,
>(
  config: VendorConfig<Env, Settings>,
  Client: VendorClientClass<Settings, Client>,
  createLoaders: (client: Client, kit: LoaderKit) => Loaders,
  parts: Pick<VendorModule<Env, Settings, Client, Loaders>, 'resolvers' | 'federation'>,
): VendorModule<Env, Settings, Client, Loaders> {
  return {
    ...config,
    ...parts,
    createClient: (settings, deps) => new Client(settings, deps),
    createLoaders,
    health: (client) => client.health(),
  };
}

/** Identity function that infers a vendor module's types. */
export function defineVendor<Env extends z.ZodTypeAny, Settings, Client, Loaders>(
  module: VendorModule<Env, Settings, Client, Loaders>,
): VendorModule<Env, Settings, Client, Loaders> {
  return module;
}

/** The parent value of a vendor namespace type (`FlowizeQuery`): nothing, resolvers use context. */
export type Namespace = Record<string, never>;
