/**
 * The composition root: the one place that lists the vendors (`src/vendors/index.ts`) and the
 * simulators (`src/sandbox/index.ts`) and hands them to the core. Everything else under `src/`
 * outside `src/vendors/` and `src/sandbox/` knows neither (a lint rule enforces it).
 */
import type { Server } from 'node:http';
import { readConfig, type Config } from './config.js';
import type { Clock } from './http/clock.js';
import type { VendorName } from './context.js';
import type { KeyValueStore } from './http/store.js';
import type { AnyVendorModule } from './kit/vendor.js';
import { createLogger, type Logger } from './logger.js';
import { Redactor } from './redact.js';
import type { Simulator } from './sandbox/framework.js';
import type { ShutdownReport } from './lifecycle/shutdown.js';
import type { GatewayServer } from './server.js';
import { buildSchema as buildCoreSchema } from './server.js';
import { vendors } from './vendors/index.js';

export { vendors };

/** The names of this gateway's vendors, in registry order. */
export const vendorNames = vendors.map((v) => v.name) as VendorName[];

/** This gateway's vendor module called `name`. */
export function vendorModule(name: string): AnyVendorModule {
  const found = vendors.find((v) => v.name === name);
  if (!found) throw new Error(`no vendor called ${name}`);
  return found;
}

/** Reads and validates the configuration of this gateway's vendors (see src/config.ts). */
export function loadConfig(env?: NodeJS.ProcessEnv): Config {
  return readConfig(vendors, env);
}

/** The executable schema of this gateway's vendors (a federation subgraph's with `federation`). */
export function buildSchema(extraResolvers: Record<string, unknown>[] = [], options: { federation?: boolean } = {}) {
  return buildCoreSchema(vendors, extraResolvers, options);
}

export interface RunningSandbox {
  /** The configuration with every simulated vendor pointed at its simulator. */
  config: Config;
  simulators: Partial<Record<VendorName, Simulator>>;
  stop(): Promise<void>;
}

/**
 * In sandbox mode, starts a simulator for each vendor whose base URL is not set (each on a free
 * loopback port) and points that vendor's settings at it; in live mode, starts none and loads no
 * simulator code.
 */
export async function startSandboxes(
  config: Config,
  only?: string[],
  modules: readonly AnyVendorModule[] = vendors,
): Promise<RunningSandbox> {
  const simulators: Partial<Record<string, Simulator>> = {};
  const vendorEnv = { ...config.vendorEnv };
  if (config.mode === 'sandbox') {
    const { simulators: registry, startSimulator } = await import('./sandbox/index.js');
    for (const mod of modules) {
      if (only && !only.includes(mod.name)) continue;
      const current = vendorEnv[mod.name] ?? {};
      // A base URL set in sandbox mode points the vendor at that server instead of a simulator.
      if (current[mod.baseUrlEnv]) continue;
      const load = registry[mod.name];
      if (!load) continue;
      const sim = await startSimulator(await load());
      simulators[mod.name] = sim;
      // Values the operator set (auth mode, time zone, …) still apply; the simulator fills the rest.
      const set = Object.fromEntries(Object.entries(current).filter(([, v]) => v !== undefined));
      vendorEnv[mod.name] = mod.env.parse({ ...sim.env(), ...set }) as Record<string, unknown>;
    }
  }
  return {
    config: { ...config, vendorEnv },
    simulators,
    async stop() {
      await Promise.all(Object.values(simulators).map((s) => s?.stop()));
    },
  };
}

export interface RunningGateway {
  url: string;
  /** Where it listens (for logs: the URL above would be redacted as a URL). */
  host: string;
  port: number;
  server: GatewayServer;
  sandbox: RunningSandbox;
  http: Server;
  /**
   * Graceful stop: new requests get 503, those in flight finish for up to `timeoutMs`
   * (VENDORGRAPH_SHUTDOWN_TIMEOUT_MS by default), then Apollo, telemetry, the store and the
   * simulators close.
   */
  shutdown(timeoutMs?: number): Promise<ShutdownReport>;
  /** Stops at once, cutting requests in flight (tests). */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** The redactor `logger` was built with (so the simulators' credentials reach its lines too). */
  redactor?: Redactor;
  /** Where shared state lives, when not what the config says (a cluster worker's primary). */
  store?: KeyValueStore;
  /** Vendors answered by simulators started elsewhere (a cluster primary's), reported as SANDBOX. */
  simulated?: readonly string[];
  /** The time vendor calls wait on (tests pass one that costs no real time). */
  clock?: Clock;
}

/**
 * Starts a whole gateway (simulators included in sandbox mode). The port is bound first, so a busy
 * port fails the start at once; requests that arrive before the gateway is built get 503.
 */
export async function startGateway(config: Config, options: StartOptions = {}): Promise<RunningGateway> {
  const [{ deferredHandler, listen }, { GracefulShutdown }, { defaultLifecycle }, { createServer }] = await Promise.all(
    [
      import('./lifecycle/listen.js'),
      import('./lifecycle/shutdown.js'),
      import('./lifecycle/config.js'),
      import('./server.js'),
    ],
  );
  const redactor = options.redactor ?? new Redactor(config.secrets);
  const logger = options.logger ?? createLogger(config.logLevel, undefined, redactor);
  const drain = new GracefulShutdown({ logger, timeoutMs: (config.lifecycle ?? defaultLifecycle).shutdownTimeoutMs });
  const app = deferredHandler();
  const http = await listen(drain.handler(app.handler), { port: config.port, host: config.host });
  drain.attach(http);
  let server: GatewayServer;
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandboxes(config);
    drain.addCloser({ name: 'sandbox', close: () => sandbox.stop() });
    const simulated = [...Object.keys(sandbox.simulators), ...(options.simulated ?? [])];
    server = await createServer(sandbox.config, {
      vendors,
      logger,
      redactor,
      simulated,
      store: options.store,
      clock: options.clock,
    });
    // Apollo, telemetry and the store close before the simulators the vendors point at.
    drain.addCloser({ name: 'server', close: () => server.stop() }, { first: true });
  } catch (error) {
    await drain.shutdown(0);
    throw error;
  }
  app.ready(server.app);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    host: config.host,
    port,
    server,
    sandbox,
    http,
    shutdown: (timeoutMs) => drain.shutdown(timeoutMs),
    async close() {
      await drain.shutdown(0);
    },
  };
}
