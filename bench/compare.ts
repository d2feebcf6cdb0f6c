/**
 * `npx tsx bench/compare.ts <other-checkout> [scenario…]`: CPU per operation of this checkout's
 * gateway against another checkout's (e.g. `git worktree add ../before main`), under the same
 * load at the same time. Both gateways run side by side against one set of simulators and take
 * turns (ROUNDS slices of SLICE_SECONDS each per scenario, each side first every other round), so
 * a busy machine weighs on both alike; on a 2-core machine shared with other work two runs of the
 * same code still differ by up to ±10% (`npx tsx bench/compare.ts . one-call`), so run it both ways;
 * each prints its CPU per operation over all its slices and its peak RSS. Scenarios as in
 * bench/profile.ts.
 *
 * With BENCH_GATEWAY_BUILD=dist both run their production build (`npm run build` in each) with the
 * Node flags of `npm run start:prod`. THIS_NODE_FLAGS / OTHER_NODE_FLAGS add Node flags to one side,
 * so `npx tsx bench/compare.ts . one-call` with THIS_NODE_FLAGS set compares two flag sets;
 * THIS_ENV / OTHER_ENV (`NAME=value NAME=value`) do the same for the gateway's environment, e.g.
 * THIS_ENV=VENDORGRAPH_LOG_LEVEL=warn weighs the per-request log line.
 *
 * BENCH_MEMORY_LIMIT runs both in a memory cgroup (bench/lib/memory-limit.ts: MiB, or `manifest`
 * for deploy/kubernetes.yaml's limit); THIS_MEMORY_LIMIT / OTHER_MEMORY_LIMIT set one side's.
 */
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runLoad } from './lib/load.js';
import { benchGatewayEnv } from './lib/gateway-env.js';
import { productionNodeFlags } from './lib/node-flags.js';
import { usableMemoryLimitMb } from './lib/memory-limit.js';
import { Child, PeakRss } from './lib/procs.js';
import type { GatewayCommand, GatewayCpu, GatewayMemory, SandboxCommand } from './lib/protocol.js';
import { toolScenarios } from './lib/scenarios.js';

const [other, ...chosenArgs] = process.argv.slice(2);
if (!other) throw new Error('usage: npx tsx bench/compare.ts <other-checkout> [scenario…]');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SLICE_S = Number(process.env.SLICE_SECONDS ?? 2);
const KEY = `bk_${randomBytes(24).toString('base64url')}`;

const sandbox = await Child.start<SandboxCommand, { env: Record<string, string> }>('sandbox', 'sandbox.ts', {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
});
await sandbox.ask({ cmd: 'latency', ms: 20 });
const dist = process.env.BENCH_GATEWAY_BUILD === 'dist';
const env = benchGatewayEnv([{ name: 'bench', key: KEY }], sandbox.ready.env, {
  BENCH_GATEWAY_BUILD: process.env.BENCH_GATEWAY_BUILD,
});
const flags = (extra: string | undefined) => [
  '--expose-gc',
  ...(dist ? productionNodeFlags() : []),
  ...(extra ? extra.split(/\s+/).filter(Boolean) : []),
];
const envOf = (pairs: string | undefined) =>
  Object.fromEntries(
    (pairs ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => pair.split(/=(.*)/s).slice(0, 2)),
  );
const gateways = {
  this: await Child.start<GatewayCommand, { url: string }>(
    'this',
    'gateway.mjs',
    { ...env, ...envOf(process.env.THIS_ENV) },
    flags(process.env.THIS_NODE_FLAGS),
    {
      plain: dist,
      memoryLimitMb: usableMemoryLimitMb(process.env.THIS_MEMORY_LIMIT ?? process.env.BENCH_MEMORY_LIMIT),
    },
  ),
  other: await Child.start<GatewayCommand, { url: string }>(
    'other',
    'gateway.mjs',
    { ...env, ...envOf(process.env.OTHER_ENV), BENCH_GATEWAY_ROOT: resolve(other) },
    flags(process.env.OTHER_NODE_FLAGS),
    {
      plain: dist,
      memoryLimitMb: usableMemoryLimitMb(process.env.OTHER_MEMORY_LIMIT ?? process.env.BENCH_MEMORY_LIMIT),
    },
  ),
};
const peaks = { this: new PeakRss(gateways.this.pid), other: new PeakRss(gateways.other.pid) };
try {
  const scenarios = await toolScenarios(gateways.this.ready.url, KEY);
  const chosen = chosenArgs.length ? chosenArgs : Object.keys(scenarios);
  console.log(`| Scenario | CPU / op, this checkout | CPU / op, ${other} | this ÷ other |`);
  console.log('|---|---:|---:|---:|');
  for (const name of chosen) {
    const s = scenarios[name];
    if (!s) throw new Error(`unknown scenario ${name}`);
    const totals = { this: { cpu: 0, ops: 0 }, other: { cpu: 0, ops: 0 } };
    for (const g of Object.values(gateways))
      await runLoad({
        origin: new URL(g.ready.url).origin,
        connections: s.connections,
        durationS: 2,
        next: s.next,
        graphql: true,
      });
    for (let round = 0; round < ROUNDS; round++) {
      // Each side goes first every other round: whatever the slice before leaves behind (caches,
      // the simulators' state, the machine's other work) weighs on both alike.
      const order = Object.entries(gateways) as ['this' | 'other', (typeof gateways)['this']][];
      if (round % 2 === 1) order.reverse();
      for (const [which, g] of order) {
        const before = await g.ask<GatewayCpu>({ cmd: 'cpu' });
        const result = await runLoad({
          origin: new URL(g.ready.url).origin,
          connections: s.connections,
          durationS: SLICE_S,
          next: s.next,
          graphql: true,
        });
        const after = await g.ask<GatewayCpu>({ cmd: 'cpu' });
        if (result.failedOps > 0)
          throw new Error(
            `${which} failed ${result.failedOps} operations of ${name}: ${JSON.stringify(result.errorsByCode)}`,
          );
        totals[which].cpu += (after.user - before.user + after.system - before.system) / 1000;
        totals[which].ops += result.ops;
      }
    }
    const a = totals.this.cpu / totals.this.ops;
    const b = totals.other.cpu / totals.other.ops;
    console.log(`| ${name} | ${a.toFixed(2)} ms | ${b.toFixed(2)} ms | ${(a / b).toFixed(2)} |`);
  }
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(`| peak RSS over the run | ${mb(peaks.this.stop())} | ${mb(peaks.other.stop())} | |`);
  const limits = await Promise.all(
    [gateways.this, gateways.other].map(async (g) => {
      const { heapLimit } = await g.ask<GatewayMemory>({ cmd: 'memory' });
      return `${g.memoryLimitMb === undefined ? 'no limit' : `${g.memoryLimitMb} MiB`}, V8 heap limit ${mb(heapLimit)}`;
    }),
  );
  console.log(`| memory limit | ${limits[0]} | ${limits[1]} | |`);
} finally {
  for (const g of Object.values(gateways)) await g.stop();
  await sandbox.stop();
}
