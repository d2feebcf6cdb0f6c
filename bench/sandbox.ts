/**
 * The benchmarks' vendor side: every sandbox simulator in a process of its own (so simulated
 * vendors never share an event loop with the gateway or the load generator), driven by the
 * benchmark runner over IPC. It exits when the runner goes away.
 */
import type { VendorName } from '../src/context.js';
import { simulators as registry } from '../src/sandbox/index.js';
import { Simulator, type FaultRule } from '../src/sandbox/framework.js';
import type { SandboxCommand, SandboxReply, VendorCounts } from './lib/protocol.js';

const simulators = new Map<VendorName, Simulator<any>>();
for (const [name, load] of Object.entries(registry) as [VendorName, (typeof registry)[string]][]) {
  const definition = await load();
  // The Flowize simulator's own quota (5,000 calls a minute) would make the gateway's quota
  // governor pace the load within seconds; the benchmarks measure the gateway, so it is lifted
  // (the X-RateLimit-* headers are still sent and read). Flxpoint's 2/s per token stays: scenario 4.
  const benchDefinition = definition.rateLimit
    ? { ...definition, rateLimit: { ...definition.rateLimit, limit: 100_000_000 } }
    : definition;
  simulators.set(name, await new Simulator(benchDefinition).start());
}

function counts(sim: Simulator<any>): VendorCounts {
  const byPath: Record<string, number> = {};
  let faulted = 0;
  for (const r of sim.requests) {
    const key = `${r.method} ${r.path}`;
    byPath[key] = (byPath[key] ?? 0) + 1;
    if (r.fault !== undefined) faulted += 1;
  }
  const state = sim.state as { rateLimited?: number };
  return {
    requests: sim.requests.length,
    faulted,
    byPath,
    rateLimited: typeof state.rateLimited === 'number' ? state.rateLimited : undefined,
  };
}

function handle(command: SandboxCommand): unknown {
  switch (command.cmd) {
    case 'latency':
      for (const sim of simulators.values()) sim.latencyMs = command.ms;
      return { ok: true };
    case 'counts': {
      const out: Partial<Record<VendorName, VendorCounts>> = {};
      for (const [name, sim] of simulators) {
        out[name] = counts(sim);
        if (command.clear) sim.clearRequests();
      }
      return out;
    }
    case 'faults':
      for (const [name, sim] of simulators) {
        if (command.vendors && !command.vendors.includes(name)) continue;
        for (const rule of command.rules)
          sim.fault({ ...rule, path: rule.pathPattern ? new RegExp(rule.pathPattern) : undefined } as FaultRule);
      }
      return { ok: true };
    case 'clearFaults':
      for (const sim of simulators.values()) sim.clearFaults();
      return { ok: true };
  }
}

process.on('message', (message: { id: number; command: SandboxCommand }) => {
  let reply: SandboxReply;
  try {
    reply = { id: message.id, ok: true, value: handle(message.command) };
  } catch (error) {
    reply = { id: message.id, ok: false, error: String(error) };
  }
  process.send?.(reply);
});

process.on('disconnect', () => {
  void Promise.all([...simulators.values()].map((s) => s.stop())).finally(() => process.exit(0));
});

process.send?.({
  ready: true,
  env: Object.assign({}, ...[...simulators.values()].map((s) => s.env())) as Record<string, string>,
  urls: Object.fromEntries([...simulators].map(([name, s]) => [name, s.url])),
});
