/**
 * Starts the built-in simulators in sandbox mode: one per vendor whose base URL is not set, each on
 * a free loopback port, and points that vendor's settings at it.
 */
import type { Config } from '../config.js';
import { registerSecret } from '../errors.js';
import { vendors, type VendorName } from '../vendors/index.js';
import { startSimulator, type Simulator } from './framework.js';

export { Simulator, startSimulator, type FaultRule, type SimulatorDefinition } from './framework.js';

export interface RunningSandbox {
  /** The configuration with every simulated vendor pointed at its simulator. */
  config: Config;
  simulators: Partial<Record<VendorName, Simulator>>;
  stop(): Promise<void>;
}

/** In sandbox mode, starts the simulators the configuration needs; in live mode, starts none. */
export async function startSandboxes(config: Config, only?: VendorName[]): Promise<RunningSandbox> {
  const simulators: Partial<Record<VendorName, Simulator>> = {};
  const vendorEnv = { ...config.vendorEnv } as Record<string, Record<string, unknown>>;
  if (config.mode === 'sandbox') {
    for (const [name, mod] of Object.entries(vendors) as [VendorName, (typeof vendors)[VendorName]][]) {
      if (only && !only.includes(name)) continue;
      const current = vendorEnv[name] ?? {};
      // A base URL set in sandbox mode points the vendor at that server instead of a simulator.
      if (current[mod.baseUrlEnv]) continue;
      const sim = await startSimulator(await mod.simulator());
      simulators[name] = sim;
      // Values the operator set (auth mode, time zone, …) still apply; the simulator fills the rest.
      const set = Object.fromEntries(Object.entries(current).filter(([, v]) => v !== undefined));
      vendorEnv[name] = mod.env.parse({ ...sim.env(), ...set }) as Record<string, unknown>;
      // The simulator's own credentials are secrets like any other: never in a response or a log.
      for (const key of mod.secretEnv) {
        const value = vendorEnv[name][key];
        if (typeof value === 'string') registerSecret(value);
      }
    }
  }
  return {
    config: { ...config, vendorEnv: vendorEnv as Config['vendorEnv'] },
    simulators,
    async stop() {
      await Promise.all(Object.values(simulators).map((s) => s?.stop()));
    },
  };
}
