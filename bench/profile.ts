/**
 * `npx tsx bench/profile.ts [scenario…]`: profiles the gateway on one scenario at a time and says
 * where its CPU goes. Starts the simulators (20 ms latency) and one gateway as the benchmark does,
 * warms it up, measures CPU per operation without the profiler, then runs the same load under the
 * in-process V8 profiler and prints CPU ms per operation by layer and the costliest functions.
 * Profiles are written to bench/results/profiles/<scenario>.cpuprofile (open them in Chrome DevTools).
 *
 * Scenarios: one-call, records, wide, rows, aliases, appmixer (default: all).
 * PROFILE_ALLOC=1 samples allocations instead of CPU (KiB per operation by layer and function;
 * `.heapprofile` files beside the CPU profiles). PROFILE_SECONDS (default 5) sets each load; PROFILE_CONNECTIONS runs every scenario at that concurrency; PROFILE_OFF=1 measures CPU per operation only;
 * BENCH_GATEWAY_BUILD=dist runs the production build; BENCH_MEMORY_LIMIT (MiB or `manifest`) runs
 * the gateway in a memory cgroup (bench/lib/memory-limit.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runLoad } from './lib/load.js';
import { benchGatewayEnv } from './lib/gateway-env.js';
import { productionNodeFlags } from './lib/node-flags.js';
import { usableMemoryLimitMb } from './lib/memory-limit.js';
import { Child } from './lib/procs.js';
import {
  LAYERS,
  summarizeAllocations,
  summarizeProfile,
  type AllocationProfile,
  type CpuProfile,
} from './lib/profile.js';
import type { GatewayCommand, GatewayCpu, SandboxCommand } from './lib/protocol.js';
import { toolScenarios } from './lib/scenarios.js';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 5);
/** PROFILE_CONNECTIONS: every scenario at this concurrency instead of its own (e.g. 1 for the one-call query). */
const CONNECTIONS = process.env.PROFILE_CONNECTIONS ? Number(process.env.PROFILE_CONNECTIONS) : undefined;
const OUT = fileURLToPath(new URL('./results/profiles/', import.meta.url));
const KEY = `bk_${randomBytes(24).toString('base64url')}`;

/** Prints a profile's layers and top functions, per operation and as shares of the total. */
function printBreakdown(
  total: number,
  layers: Partial<Record<(typeof LAYERS)[number], number>>,
  top: { fn: string; value: number }[],
  format: { per: (value: number) => string; unit: string; title: string },
): void {
  const share = (value: number) => ((value / total) * 100).toFixed(1).padStart(5);
  for (const layer of LAYERS) {
    const value = layers[layer];
    if (value) console.log(`  ${format.per(value).padStart(8)} ${format.unit} ${share(value)}%  ${layer}`);
  }
  console.log(`  ${format.title}`);
  for (const f of top) console.log(`  ${format.per(f.value).padStart(8)} ${share(f.value)}%  ${f.fn}`);
}

const sandbox = await Child.start<SandboxCommand, { env: Record<string, string> }>('sandbox', 'sandbox.ts', {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
});
await sandbox.ask({ cmd: 'latency', ms: 20 });
const gateway = await Child.start<GatewayCommand, { url: string }>(
  'gateway',
  'gateway.mjs',
  benchGatewayEnv([{ name: 'bench', key: KEY }], sandbox.ready.env, {
    BENCH_GATEWAY_BUILD: process.env.BENCH_GATEWAY_BUILD,
  }),
  ['--expose-gc', ...(process.env.BENCH_GATEWAY_BUILD === 'dist' ? productionNodeFlags() : [])],
  { plain: process.env.BENCH_GATEWAY_BUILD === 'dist', memoryLimitMb: usableMemoryLimitMb() },
);
const origin = new URL(gateway.ready.url).origin;
try {
  const scenarios = await toolScenarios(gateway.ready.url, KEY);
  const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(scenarios);
  mkdirSync(OUT, { recursive: true });
  for (const name of chosen) {
    const s = scenarios[name];
    if (!s) throw new Error(`unknown scenario ${name}; one of ${Object.keys(scenarios).join(', ')}`);
    const load = (durationS: number) =>
      runLoad({ origin, connections: CONNECTIONS ?? s.connections, durationS, next: s.next, graphql: true });
    await load(2);
    const before = await gateway.ask<GatewayCpu>({ cmd: 'cpu' });
    const plain = await load(SECONDS);
    const after = await gateway.ask<GatewayCpu>({ cmd: 'cpu' });
    const cpuMs = (after.user - before.user + after.system - before.system) / 1000 / plain.ops;
    if (process.env.PROFILE_ALLOC === '1') {
      await gateway.ask({ cmd: 'allocStart' });
      const sampled = await load(SECONDS);
      const heap = await gateway.ask<AllocationProfile>({ cmd: 'allocStop' });
      writeFileSync(`${OUT}${name}.heapprofile`, JSON.stringify(heap));
      const alloc = summarizeAllocations(heap, Number(process.env.PROFILE_TOP ?? 20));
      const kb = (bytes: number) => (bytes / 1024 / sampled.ops).toFixed(1);
      console.log(
        `\n## ${name}: ${sampled.ops} ops, CPU ${cpuMs.toFixed(3)} ms/op; allocated ${kb(alloc.bytes)} KiB/op (sampled)`,
      );
      printBreakdown(
        alloc.bytes,
        alloc.layers,
        alloc.top.map((f) => ({ fn: f.fn, value: f.bytes })),
        {
          per: kb,
          unit: 'KiB/op',
          title: 'top allocating functions (self):',
        },
      );
      continue;
    }
    if (process.env.PROFILE_OFF === '1') {
      console.log(
        `\n## ${name}: ${plain.ops} ops, ${plain.throughput.toFixed(1)}/s, p50 ${plain.latency.p50.toFixed(1)} ms, failed ${plain.failedOps}; CPU ${cpuMs.toFixed(3)} ms/op`,
      );
      continue;
    }
    await gateway.ask({ cmd: 'profileStart' });
    const profiled = await load(SECONDS);
    const profile = await gateway.ask<CpuProfile>({ cmd: 'profileStop' });
    writeFileSync(`${OUT}${name}.cpuprofile`, JSON.stringify(profile));
    const summary = summarizeProfile(profile, Number(process.env.PROFILE_TOP ?? 20));
    const per = (ms: number) => (ms / profiled.ops).toFixed(3);
    console.log(
      `\n## ${name}: ${plain.ops} ops, ${plain.throughput.toFixed(1)}/s, p50 ${plain.latency.p50.toFixed(1)} ms, p99 ${plain.latency.p99.toFixed(1)} ms, failed ${plain.failedOps} ${JSON.stringify(plain.errorsByCode)}; CPU ${cpuMs.toFixed(3)} ms/op (profiled: ${per(summary.busyMs)} ms/op sampled)`,
    );
    printBreakdown(
      summary.busyMs,
      summary.layers,
      summary.top.map((f) => ({ fn: f.fn, value: f.ms })),
      {
        per,
        unit: 'ms/op',
        title: 'top functions (self):',
      },
    );
    console.log(
      `  graphql-js executor (what graphql-jit could replace): ${per(summary.executionMs)} ms/op, ${((summary.executionMs / summary.busyMs) * 100).toFixed(1)}%`,
    );
  }
} finally {
  await gateway.stop();
  await sandbox.stop();
}
