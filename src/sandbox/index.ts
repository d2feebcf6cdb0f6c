/**
 * The simulator registry: every built-in vendor simulator, one line each, loaded on demand so a
 * live gateway loads no simulator code. The composition root (`src/app.ts`) pairs them with the
 * vendors by name.
 */
import type { SimulatorDefinition } from './framework.js';

export { Simulator, startSimulator, type FaultRule, type SimulatorDefinition } from './framework.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SimulatorLoader = () => Promise<SimulatorDefinition<any>>;

export const simulators: Record<string, SimulatorLoader> = {
  flowize: async () => (await import('./flowize/index.js')).flowizeSimulator,
  flexipim: async () => (await import('./flexipim/index.js')).flexipimSimulator,
  flxpoint: async () => (await import('./flxpoint/index.js')).flxpointSimulator,
  appmixer: async () => (await import('./appmixer/index.js')).appmixerSimulator,
  phixflow: async () => (await import('./phixflow/index.js')).phixflowSimulator,
};
