/**
 * `npm run bench`: the gateway measured against the sandbox on this machine. Three processes —
 * this runner (the autocannon load generator), the simulators (bench/sandbox.ts) and the gateway
 * (bench/gateway.mjs; a second one built naive for the baseline) — all on loopback. Every simulated
 * vendor answers after an injected latency (BENCH_LATENCY_MS, default 20 ms). Writes
 * bench/results/latest.md and latest.json (quick runs: quick.md / quick.json).
 *
 * BENCH_QUICK=1 shortens every load (3 s) and the soak (20 s) for a try-out; BENCH_SOAK_SECONDS
 * sets the soak alone. BENCH_PROFILE=1 writes the gateway's CPU profiles to bench/results/profiles/.
 * `--render` rewrites the Markdown from the last run's JSON without measuring.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { VendorName } from '../src/context.js';
import { countGraphqlErrors, runLoad, summarize, type LoadRequest, type LoadResult } from './lib/load.js';
import { benchGatewayEnv } from './lib/gateway-env.js';
import { manifestMemoryLimitMb, usableMemoryLimitMb } from './lib/memory-limit.js';
import { productionNodeFlags } from './lib/node-flags.js';
import { Child, PeakRss, rssOf } from './lib/procs.js';
import type {
  GatewayCommand,
  GatewayCpu,
  GatewayMemory,
  SandboxCommand,
  VendorCounts,
  WireFaultRule,
} from './lib/protocol.js';
import {
  memorySetting,
  renderCharts,
  renderReport,
  type BenchReport,
  type ClientCost,
  type StackFloor,
  type MemorySample,
  type ScenarioProfile,
  type ScenarioRun,
  type Target,
} from './lib/report.js';
import { summarizeProfile, type CpuProfile } from './lib/profile.js';
import { APPMIXER_DEFAULT_CONCURRENCY } from '../src/vendors/appmixer/config.js';
import {
  APPMIXER_FANOUT,
  HOT_QUERY,
  ORDER_QUERY,
  RECORD_QUERY,
  RECORDS_FANOUT,
  ROWS_FANOUT,
  rowsByAlias,
  WIDE_RECORDS,
} from './lib/scenarios.js';

const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const LATENCY_MS = Number(env.BENCH_LATENCY_MS ?? 20);
const LOAD_S = QUICK ? 3 : 10;
const SOAK_S = Number(env.BENCH_SOAK_SECONDS ?? (QUICK ? 20 : 180));
const SOAK_WARMUP_S = QUICK ? 5 : 30;
// 120 operations (6–9 s) per fan-out: over 40 (2–3 s), one full collection or one JIT tier-up in
// the window moved a scenario's CPU per operation by tens of percent between runs of the same code.
const FANOUT_RUNS = QUICK ? 10 : 120;
const NAIVE_RUNS = QUICK ? 5 : 15;
const PROFILE = env.BENCH_PROFILE === '1';
/** The gateway's memory limit (BENCH_MEMORY_LIMIT; none by default: bench/lib/memory-limit.ts). */
const MEMORY_LIMIT_MB = usableMemoryLimitMb();
/**
 * The other side of the memory trade, for one run of the one-call load: production's container
 * limit when the bench runs without one (where this machine can make a memory cgroup), none otherwise.
 */
const ALTERNATE_MEMORY: { limitMb?: number } | undefined =
  MEMORY_LIMIT_MB !== undefined
    ? {}
    : ((limitMb) => (limitMb === undefined ? undefined : { limitMb }))(usableMemoryLimitMb('manifest'));
/** Everything stops by itself: the whole run is cut off after this long. */
const HARD_LIMIT_MS = 9.5 * 60_000;

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const OUT_NAME = env.BENCH_OUT ?? (QUICK || env.BENCH_SOAK_SECONDS ? 'quick' : 'latest');
const OUT = RESULTS + OUT_NAME;
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * The gateway runs as production runs it: compiled by `npm run build` into dist/ and started by
 * plain Node with source maps (BENCH_BUILD=0 skips the build and uses the TypeScript sources
 * through tsx; BENCH_GATEWAY_BUILD=dist uses a dist/ built beforehand).
 */
function prepareBuild(): { build: 'dist' | 'src'; note: string } {
  const scripts =
    (JSON.parse(readFileSync(ROOT + 'package.json', 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (env.BENCH_BUILD !== '0' && scripts.build) {
    log('building the gateway (npm run build)');
    const built = spawnSync('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stderr}`);
    return {
      build: 'dist',
      note:
        'production build: `npm run build` (tsc to dist/), gateway started with the flags of `npm run start:prod` (`node ' +
        productionNodeFlags().join(' ') +
        ' dist/index.js`)',
    };
  }
  if (env.BENCH_GATEWAY_BUILD === 'dist' && existsSync(ROOT + 'dist/index.js')) {
    return {
      build: 'dist',
      note:
        'production build: tsc output in dist/ (built before the run), gateway started with the flags of `npm run start:prod` (`node ' +
        productionNodeFlags().join(' ') +
        ' dist/index.js`)',
    };
  }
  return { build: 'src', note: 'TypeScript sources through tsx (no `npm run build` in this checkout)' };
}

let BUILD: 'dist' | 'src' = 'src';

type Sandbox = Child<SandboxCommand, { env: Record<string, string>; urls: Record<VendorName, string> }>;
type Gateway = Child<GatewayCommand, { url: string }>;

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// --- Clients -----------------------------------------------------------------------------------

/** API keys: one per hot-read client plus the key every other request carries. */
const KEYS = Array.from({ length: 51 }, (_, i) => ({
  name: i === 0 ? 'bench' : `client-${i}`,
  key: `bk_${randomBytes(24).toString('base64url')}`,
}));
const MAIN_KEY = KEYS[0].key;
const CLIENT_KEYS = KEYS.slice(1).map((k) => k.key);

function gatewayEnv(sandbox: Sandbox, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return benchGatewayEnv(KEYS, sandbox.ready.env, {
    ...(BUILD === 'dist' && { BENCH_GATEWAY_BUILD: 'dist' }),
    ...extra,
  });
}

const NAIVE_ENV = {
  VENDORGRAPH_NAIVE_LOADERS: 'true',
  VENDORGRAPH_CACHE_ENABLED: 'false',
  VENDORGRAPH_DEDUPE_ENABLED: 'false',
};

async function startGateway(
  sandbox: Sandbox,
  name: string,
  extra: Record<string, string> = {},
  memoryLimitMb: number | undefined = MEMORY_LIMIT_MB,
): Promise<Gateway> {
  const execArgv = ['--expose-gc', ...(BUILD === 'dist' ? productionNodeFlags() : [])];
  if (PROFILE) {
    mkdirSync(RESULTS + 'profiles', { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${RESULTS}profiles`, `--cpu-prof-name=${name}.cpuprofile`);
  }
  return Child.start<GatewayCommand, { url: string }>(name, 'gateway.mjs', gatewayEnv(sandbox, extra), execArgv, {
    plain: BUILD === 'dist',
    memoryLimitMb,
  });
}

function gql(query: string, variables?: Record<string, unknown>, key = MAIN_KEY): LoadRequest {
  return { path: '/graphql', headers: { 'x-api-key': key }, body: JSON.stringify({ query, variables }) };
}

async function post(gateway: Gateway, request: LoadRequest): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const res = await fetch(new URL(request.path, gateway.ready.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  return { status: res.status, body: JSON.parse(text), ms };
}

/** Runs `request` once and fails the benchmark when it does not answer cleanly. */
async function must(gateway: Gateway, request: LoadRequest, what: string): Promise<any> {
  const res = await post(gateway, request);
  if (res.status !== 200 || res.body.errors)
    throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body.errors ?? res.body).slice(0, 500)}`);
  return res.body.data;
}

// --- Measuring ---------------------------------------------------------------------------------

async function vendorCounts(sandbox: Sandbox, clear = true): Promise<Partial<Record<VendorName, VendorCounts>>> {
  return sandbox.ask({ cmd: 'counts', clear });
}

function totalRequests(counts: Partial<Record<VendorName, VendorCounts>>): number {
  return Object.values(counts).reduce((n, c) => n + (c?.requests ?? 0), 0);
}

/** Runs a load with the vendor request counter and the gateway's peak RSS around it. */
async function measured(
  sandbox: Sandbox,
  gateway: Gateway | undefined,
  label: string,
  load: () => Promise<LoadResult>,
): Promise<ScenarioRun> {
  await vendorCounts(sandbox);
  const peak = gateway ? new PeakRss(gateway.pid) : undefined;
  const cpuBefore = gateway ? await gateway.ask<GatewayCpu>({ cmd: 'cpu' }) : undefined;
  const result = await load();
  const cpuAfter = gateway ? await gateway.ask<GatewayCpu>({ cmd: 'cpu' }) : undefined;
  const peakRss = peak?.stop();
  const counts = await vendorCounts(sandbox);
  const cpuMs =
    cpuBefore && cpuAfter ? (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1000 : undefined;
  const upstream = totalRequests(counts);
  log(
    `${label}: ${result.ops} ops, ${result.throughput.toFixed(1)}/s, p50 ${result.latency.p50.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms, ${(upstream / Math.max(1, result.ops)).toFixed(3)} calls/op`,
  );
  return {
    label,
    ...result,
    upstreamCalls: upstream,
    upstreamPerOp: upstream / Math.max(1, result.ops),
    upstreamByPath: Object.fromEntries(
      Object.entries(counts).flatMap(([v, c]) => Object.entries(c?.byPath ?? {}).map(([p, n]) => [`${v} ${p}`, n])),
    ),
    peakRssBytes: peakRss,
    ...(cpuMs !== undefined && { gatewayCpuMsPerOp: cpuMs / Math.max(1, result.ops) }),
  };
}

/**
 * Runs `load` again under the gateway's in-process CPU profiler and folds the profile into layers
 * (bench/lib/profile.ts), per operation. A separate run: the profiler's own cost stays out of the
 * measured CPU per operation.
 */
async function profiled(gateway: Gateway, label: string, load: () => Promise<LoadResult>): Promise<ScenarioProfile> {
  await gateway.ask({ cmd: 'profileStart' });
  let result: LoadResult;
  let profile: CpuProfile;
  try {
    result = await load();
  } finally {
    profile = await gateway.ask<CpuProfile>({ cmd: 'profileStop' });
  }
  const summary = summarizeProfile(profile, 12);
  const ops = Math.max(1, result.ops);
  log(`${label}: profiled ${result.ops} ops, ${(summary.busyMs / ops).toFixed(2)} ms sampled per op`);
  return {
    ops: result.ops,
    busyMsPerOp: summary.busyMs / ops,
    layersMsPerOp: Object.fromEntries(Object.entries(summary.layers).map(([k, v]) => [k, v / ops])),
    top: summary.top.map((t) => ({ fn: t.fn, layer: t.layer, msPerOp: t.ms / ops })),
    executionMsPerOp: summary.executionMs / ops,
  };
}

const origin = (url: string) => new URL(url).origin;

// --- Scenarios ---------------------------------------------------------------------------------

/** Scenario 1: a one-call query through the gateway vs the same vendor call made directly. */
async function overhead(sandbox: Sandbox, gateway: Gateway, uuids: string[]) {
  const flowizeBase = sandbox.ready.env.FLOWIZE_BASE_URL;
  const login = await fetch(`${flowizeBase}/checkauthentication`, {
    headers: {
      client_id: sandbox.ready.env.FLOWIZE_CLIENT_ID,
      client_secret: sandbox.ready.env.FLOWIZE_CLIENT_SECRET,
      grant_type: 'client_credentials',
    },
  });
  const token = ((await login.json()) as { resource: { access_token: string } }).resource.access_token;
  const pick = () => uuids[Math.floor(Math.random() * uuids.length)];
  const basePath = new URL(flowizeBase).pathname.replace(/\/$/, '');
  const direct = (): LoadRequest => ({
    method: 'GET',
    path: `${basePath}/record`,
    headers: { authorization: `Bearer ${token}`, 'x-scopes': 'record.read', 'x-uuid': pick() },
  });
  const viaGateway = (): LoadRequest => gql(RECORD_QUERY, { uuid: pick() });
  const runs: ScenarioRun[] = [];
  for (const connections of [1, 50]) {
    runs.push(
      await measured(sandbox, undefined, `direct GET /record, concurrency ${connections}`, () =>
        runLoad({ origin: origin(sandbox.ready.urls.flowize), connections, durationS: LOAD_S, next: direct }),
      ),
    );
    const run = await measured(sandbox, gateway, `gateway flowize.record, concurrency ${connections}`, () =>
      runLoad({ origin: origin(gateway.ready.url), connections, durationS: LOAD_S, next: viaGateway, graphql: true }),
    );
    if (connections === 50) {
      run.profile = await profiled(gateway, run.label, () =>
        runLoad({
          origin: origin(gateway.ready.url),
          connections,
          durationS: QUICK ? 2 : 4,
          next: viaGateway,
          graphql: true,
        }),
      );
    }
    runs.push(run);
  }
  if (ALTERNATE_MEMORY) {
    // The same load on a gateway with the other memory setting: V8 sizes its heap from the memory
    // the process may use, which trades memory for CPU (the report sets the two side by side).
    const other = await startGateway(sandbox, 'gateway-other-memory', {}, ALTERNATE_MEMORY.limitMb);
    try {
      await runLoad({
        origin: origin(other.ready.url),
        connections: 50,
        durationS: QUICK ? 2 : 5,
        next: viaGateway,
        graphql: true,
      });
      const label = `${memorySetting(ALTERNATE_MEMORY.limitMb)}: gateway flowize.record, concurrency 50`;
      const run = await measured(sandbox, other, label, () =>
        runLoad({
          origin: origin(other.ready.url),
          connections: 50,
          durationS: LOAD_S,
          next: viaGateway,
          graphql: true,
        }),
      );
      const { heapLimit } = await other.ask<GatewayMemory>({ cmd: 'memory' });
      runs.push({ ...run, alternateMemory: { limitMb: ALTERNATE_MEMORY.limitMb, heapLimitBytes: heapLimit } });
    } finally {
      await other.stop();
    }
  }
  return runs;
}

interface FanoutCase {
  /** A short stable name (records, wide, rows, aliases, appmixer). */
  id: string;
  name: string;
  request(): LoadRequest;
  /** Vendor round trips one after another that the query needs, and why. */
  depth: number;
  depthNote: string;
  /** The fewest vendor calls that can answer the query. */
  minimumCalls: number;
  minimumNote: string;
}

async function fanoutCases(gateway: Gateway): Promise<FanoutCase[]> {
  const rowIds = Array.from({ length: 250 }, (_, i) => String(i + 1));
  const records = await must(gateway, gql(RECORDS_FANOUT), 'records fan-out');
  const flows = new Set(records.flowize.records.nodes.map((n: { flowName: string }) => n.flowName)).size;
  const appmixer = await must(gateway, gql(APPMIXER_FANOUT), 'appmixer fan-out');
  const n = appmixer.appmixer.flows.nodes.length as number;
  const capWaves = Math.ceil(n / APPMIXER_DEFAULT_CONCURRENCY);
  return [
    {
      id: 'records',
      name: '100 Flowize records with their flow diagrams',
      request: () => gql(RECORDS_FANOUT),
      depth: 2,
      depthNote: 'record search, then the flow diagrams in parallel',
      minimumCalls: 1 + flows,
      minimumNote: `1 search + 1 flowdiagram per distinct flow (${flows})`,
    },
    {
      id: 'wide',
      name: 'Wide record query (100 records × 15 fields + flow diagram)',
      request: () => gql(WIDE_RECORDS),
      depth: 2,
      depthNote: 'record search, then the flow diagrams in parallel; every field comes from the search',
      minimumCalls: 1 + flows,
      minimumNote: `1 search + 1 flowdiagram per distinct flow (${flows})`,
    },
    {
      id: 'rows',
      name: '250 Flowize table rows by id',
      request: () => gql(ROWS_FANOUT, { ids: rowIds }),
      depth: 1,
      depthNote: 'the `in` searches in parallel',
      minimumCalls: 3,
      minimumNote: '⌈250 / 100⌉ `in` searches (Flowize returns ≤ 100 rows per search)',
    },
    {
      id: 'aliases',
      name: '50 Flowize table rows by id via aliases',
      request: () => gql(rowsByAlias(50)),
      depth: 1,
      depthNote: 'one `in` search for the 50 aliased `tableRow` fields',
      minimumCalls: 1,
      minimumNote: '⌈50 / 100⌉ `in` search: the loader gathers the aliased fields of one operation',
    },
    {
      id: 'appmixer',
      name: `Appmixer flows with their logs (${n} flows × 10 log entries, each entry's flow)`,
      request: () => gql(APPMIXER_FANOUT),
      depth: 2,
      depthNote:
        capWaves > 1
          ? `flow list ∥ count, then per flow its logs ∥ its descriptor; the Appmixer loaders keep ≤ ${APPMIXER_DEFAULT_CONCURRENCY} calls in flight each, so ${n} flows take ${capWaves} waves: ${1 + capWaves} round trips`
          : `flow list ∥ count, then per flow its logs ∥ its descriptor (≤ ${APPMIXER_DEFAULT_CONCURRENCY} calls in flight per loader: one wave)`,
      minimumCalls: 2 + 2 * n,
      minimumNote: `GET /flows + GET /flows/count + per flow one log search and one GET /flows/:id (${n} flows; Appmixer has no batch read)`,
    },
  ];
}

async function fanout(sandbox: Sandbox, gateway: Gateway, naive: Gateway, cases: FanoutCase[]) {
  const out = [];
  for (const c of cases) {
    const optimized = await measured(sandbox, gateway, `${c.name} — gateway`, () =>
      runLoad({
        origin: origin(gateway.ready.url),
        connections: 1,
        amount: FANOUT_RUNS,
        next: c.request,
        graphql: true,
      }),
    );
    optimized.profile = await profiled(gateway, optimized.label, () =>
      runLoad({
        origin: origin(gateway.ready.url),
        connections: 1,
        // 40 operations (2–3 s): over the 15 (under a second) this used to profile, one full
        // collection landing in the window took the wide query's garbage-collection share from
        // ~12% to 30%.
        amount: QUICK ? 5 : 40,
        next: c.request,
        graphql: true,
      }),
    );
    const baseline = await measured(sandbox, naive, `${c.name} — naive build`, () =>
      runLoad({ origin: origin(naive.ready.url), connections: 1, amount: NAIVE_RUNS, next: c.request, graphql: true }),
    );
    out.push({ ...c, optimized, naive: baseline });
  }
  return out;
}

/** Scenario 3: 50 concurrent identical queries, then 50 concurrent clients with their own keys. */
async function hotReads(sandbox: Sandbox, gateway: Gateway) {
  const identical = await measured(sandbox, gateway, '50 concurrent identical queries (one client)', () =>
    runLoad({
      origin: origin(gateway.ready.url),
      connections: 50,
      durationS: LOAD_S,
      next: () => gql(HOT_QUERY),
      graphql: true,
    }),
  );
  let i = 0;
  const perClient = await measured(sandbox, gateway, '50 concurrent queries from 50 clients (API keys)', () =>
    runLoad({
      origin: origin(gateway.ready.url),
      connections: 50,
      durationS: LOAD_S,
      next: () => gql(HOT_QUERY, undefined, CLIENT_KEYS[i++ % CLIENT_KEYS.length]),
      graphql: true,
    }),
  );
  return { identical, perClient };
}

/** Scenario 4: 20 Flxpoint calls at once, queued to 2 per second per token. */
async function rateLimited(sandbox: Sandbox, gateway: Gateway, orderIds: string[]) {
  // An idle second and a half: the vendor's bucket and the gateway's queue start full and empty.
  await sleep(1_500);
  const before = (await vendorCounts(sandbox)).flxpoint?.rateLimited ?? 0;
  const peak = new PeakRss(gateway.pid);
  const started = performance.now();
  const results = await Promise.all(orderIds.slice(0, 20).map((id) => post(gateway, gql(ORDER_QUERY, { id }))));
  const totalMs = performance.now() - started;
  const peakRss = peak.stop();
  const counts = await vendorCounts(sandbox);
  const errorsByCode: Record<string, number> = {};
  let failed = 0;
  for (const r of results) if (countGraphqlErrors(r.status, JSON.stringify(r.body), errorsByCode)) failed += 1;
  const calls = counts.flxpoint?.requests ?? 0;
  const rateLimitedSeen = (counts.flxpoint?.rateLimited ?? 0) - before;
  log(`flxpoint: 20 ops in ${(totalMs / 1000).toFixed(2)} s, ${calls} calls, ${rateLimitedSeen} 429s`);
  return {
    ops: results.length,
    totalMs,
    latency: summarize(results.map((r) => r.ms)),
    upstreamCalls: calls,
    rateLimited: rateLimitedSeen,
    errorsByCode,
    failedOps: failed,
    peakRssBytes: peakRss,
  };
}

/**
 * Scenario 6: the one-call query at concurrency 50 on one worker (the main gateway) and on a
 * gateway with VENDORGRAPH_WORKERS=2 (no Redis: the workers share state through the primary),
 * back to back in the same run.
 */
async function workers(sandbox: Sandbox, gateway: Gateway, uuids: string[]) {
  const pick = () => uuids[Math.floor(Math.random() * uuids.length)];
  const next = () => gql(RECORD_QUERY, { uuid: pick() });
  const clustered = await Child.start<GatewayCommand, { url: string }>(
    'gateway-2-workers',
    'cluster-gateway.ts',
    gatewayEnv(sandbox, { VENDORGRAPH_WORKERS: '2' }),
    [],
    { memoryLimitMb: MEMORY_LIMIT_MB },
  );
  try {
    await runLoad({
      origin: origin(clustered.ready.url),
      connections: 10,
      durationS: QUICK ? 2 : 5,
      next,
      graphql: true,
    });
    const one = await measured(sandbox, gateway, 'flowize.record at concurrency 50, 1 worker', () =>
      runLoad({ origin: origin(gateway.ready.url), connections: 50, durationS: LOAD_S, next, graphql: true }),
    );
    const two = await measured(
      sandbox,
      undefined,
      'flowize.record at concurrency 50, 2 workers (VENDORGRAPH_WORKERS=2)',
      () => runLoad({ origin: origin(clustered.ready.url), connections: 50, durationS: LOAD_S, next, graphql: true }),
    );
    return { one, two };
  } finally {
    await clustered.stop();
  }
}

/** Soak faults: together about 5% of every vendor's requests. */
const SOAK_FAULTS: { share: number; rule: WireFaultRule; what: string }[] = [
  { share: 0.015, rule: { status: 500 }, what: '500' },
  { share: 0.01, rule: { status: 503 }, what: '503' },
  { share: 0.005, rule: { retryAfterSeconds: 1 }, what: '429 + Retry-After: 1' },
  { share: 0.01, rule: { drop: true }, what: 'dropped connection' },
  { share: 0.0075, rule: { malformed: true }, what: 'malformed body' },
  { share: 0.0025, rule: { hang: true }, what: 'hang (no answer)' },
];

/** The rules in order, each probability conditional on the earlier ones not firing. */
function soakRules(): WireFaultRule[] {
  let left = 1;
  return SOAK_FAULTS.map(({ share, rule }) => {
    const probability = share / left;
    left -= share;
    return { ...rule, probability };
  });
}

/** Scenario 5: minutes of mixed traffic over every vendor with 5% of vendor calls failing. */
async function soak(sandbox: Sandbox, gateway: Gateway, uuids: string[], orderIds: string[]) {
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
  const mix: { weight: number; request: () => LoadRequest }[] = [
    { weight: 30, request: () => gql(RECORD_QUERY, { uuid: pick(uuids) }) },
    { weight: 15, request: () => gql(HOT_QUERY) },
    {
      weight: 15,
      request: () => {
        const start = 1 + Math.floor(Math.random() * 280);
        return gql(ROWS_FANOUT, { ids: Array.from({ length: 20 }, (_, i) => String(start + i)) });
      },
    },
    { weight: 15, request: () => gql('{ flexipim { products(channel: "1", first: 10) { nodes { id sku name } } } }') },
    {
      weight: 10,
      request: () =>
        gql('{ appmixer { flows(first: 5) { nodes { id name logs(first: 5) { nodes { id flow { name } } } } } } }'),
    },
    {
      weight: 5,
      request: () => gql('{ flowize { flowDiagram(flowName: "payment-collection") { flowName description } } }'),
    },
    {
      weight: 10,
      request: () =>
        gql('mutation L($id: JSON) { phixflowInvoke(endpoint: "customer-lookup", input: $id) { status } }', {
          id: { customerId: `C-${1001 + Math.floor(Math.random() * 12)}` },
        }),
    },
  ];
  const totalWeight = mix.reduce((n, m) => n + m.weight, 0);
  const next = () => {
    let r = Math.random() * totalWeight;
    for (const m of mix) if ((r -= m.weight) < 0) return m.request();
    return mix[0].request();
  };
  const flxpoint = () => gql(ORDER_QUERY, { id: pick(orderIds) });
  const target = origin(gateway.ready.url);

  // Warm-up with the same mix, faults included, so the soak starts from a process that has
  // seen every path (JIT, caches, tokens, breaker state) and whose heap has grown to its working
  // size: growth is then what the soak added. Memory is sampled from the warm-up on.
  const samples: MemorySample[] = [];
  const warmupStarted = performance.now();
  const sample = () =>
    void gateway.ask<GatewayMemory>({ cmd: 'memory' }).then(
      (m) =>
        samples.push({
          t: Math.round((performance.now() - warmupStarted) / 100) / 10 - SOAK_WARMUP_S,
          rss: m.rss,
          heapTotal: m.heapTotal,
          heapUsed: m.heapUsed,
          external: m.external,
        }),
      () => undefined,
    );
  sample();
  const sampler = setInterval(sample, 2_000);
  await sandbox.ask({ cmd: 'faults', rules: soakRules() });
  await Promise.all([
    runLoad({ origin: target, connections: 16, durationS: SOAK_WARMUP_S, next, graphql: true }),
    runLoad({
      origin: target,
      connections: 1,
      overallRate: 1,
      durationS: SOAK_WARMUP_S,
      next: flxpoint,
      graphql: true,
    }),
  ]);
  await vendorCounts(sandbox);

  const rssStart = rssOf(gateway.pid);
  const heapStart = await gateway.ask<GatewayMemory>({ cmd: 'memory', gc: true });
  const countsTotal: Record<string, { requests: number; faulted: number }> = {};
  const drain = setInterval(() => {
    void vendorCounts(sandbox).then((c) => {
      for (const [v, n] of Object.entries(c)) {
        const t = (countsTotal[v] ??= { requests: 0, faulted: 0 });
        t.requests += n?.requests ?? 0;
        t.faulted += n?.faulted ?? 0;
      }
    });
  }, 10_000);
  const peak = new PeakRss(gateway.pid);
  const [main, flx] = await Promise.all([
    runLoad({ origin: target, connections: 16, durationS: SOAK_S, next, graphql: true }),
    // Flxpoint allows 2 calls a second per token: its share of the soak stays under that.
    runLoad({ origin: target, connections: 1, overallRate: 1, durationS: SOAK_S, next: flxpoint, graphql: true }),
  ]);
  clearInterval(sampler);
  clearInterval(drain);
  const peakRss = peak.stop();
  const rssEnd = rssOf(gateway.pid);
  const heapEnd = await gateway.ask<GatewayMemory>({ cmd: 'memory', gc: true });
  await sandbox.ask({ cmd: 'clearFaults' });
  const last = await vendorCounts(sandbox);
  for (const [v, n] of Object.entries(last)) {
    const t = (countsTotal[v] ??= { requests: 0, faulted: 0 });
    t.requests += n?.requests ?? 0;
    t.faulted += n?.faulted ?? 0;
  }
  const alive = gateway.process.exitCode === null && gateway.process.signalCode === null;
  const health = alive
    ? await fetch(new URL('/healthz', gateway.ready.url)).then(
        (r) => r.status,
        () => 0,
      )
    : 0;
  const ops = main.ops + flx.ops;
  const upstream = Object.values(countsTotal).reduce((n, c) => n + c.requests, 0);
  const faulted = Object.values(countsTotal).reduce((n, c) => n + c.faulted, 0);
  const errorsByCode: Record<string, number> = { ...main.errorsByCode };
  for (const [code, n] of Object.entries(flx.errorsByCode)) errorsByCode[code] = (errorsByCode[code] ?? 0) + n;
  log(
    `soak: ${ops} ops, ${main.failedOps + flx.failedOps} failed, ${faulted}/${upstream} vendor calls faulted, RSS ${(rssStart / 1e6).toFixed(1)} → ${(rssEnd / 1e6).toFixed(1)} MB`,
  );
  return {
    durationS: SOAK_S,
    warmupS: SOAK_WARMUP_S,
    faults: SOAK_FAULTS.map(({ share, what }) => ({ share, what })),
    main,
    flxpoint: flx,
    ops,
    failedOps: main.failedOps + flx.failedOps,
    errorsByCode,
    upstreamCalls: upstream,
    upstreamPerOp: upstream / Math.max(1, ops),
    faultedCalls: faulted,
    byVendor: countsTotal,
    rssStart,
    rssEnd,
    peakRssBytes: peakRss,
    heapAfterGcStart: heapStart.heapUsed,
    rssAfterGcStart: heapStart.rss,
    rssAfterGcEnd: heapEnd.rss,
    heapAfterGcEnd: heapEnd.heapUsed,
    rssSamples: samples,
    alive,
    healthStatus: health,
  };
}

/**
 * Runs a measuring tool of bench/ with `--json` in a process of its own (before any other process
 * runs) and reads the JSON of its last line; undefined, logged, when it fails.
 */
function runTool<T>(script: string, extraEnv: Record<string, string> | false): T | undefined {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${script}`, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: env.PATH, HOME: env.HOME, ...extraEnv },
  });
  if (run.status !== 0) {
    log(`${script} failed: ${run.stderr}`);
    return undefined;
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as T;
}

/** CPU per call of got and of the clients under it, in isolation. */
const measureClientCost = () => runTool<ClientCost>('client-cost.ts', QUICK && { CLIENT_COST_CALLS: '1000' });

/** The one-call query on the bare libraries. */
const measureStackFloor = () => runTool<StackFloor>('stack-floor.ts', QUICK && { FLOOR_SECONDS: '2' });

// --- Main --------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = new Date();
  const t0 = performance.now();
  const loadBefore = loadavg();
  log(`starting (latency ${LATENCY_MS} ms, ${QUICK ? 'quick' : 'full'} run, soak ${SOAK_S} s)`);
  const prepared = prepareBuild();
  BUILD = prepared.build;
  log(`gateway: ${prepared.note}`);
  log('HTTP client floor (bench/client-cost.ts)');
  const clientCost = measureClientCost();
  log("the stack's floor (bench/stack-floor.ts)");
  const stackFloor = measureStackFloor();
  const sandbox: Sandbox = await Child.start('sandbox', 'sandbox.ts', { PATH: env.PATH, HOME: env.HOME });
  const children: Child<unknown, object>[] = [sandbox as Child<unknown, object>];
  const limit = setTimeout(() => {
    log('hard time limit reached: stopping');
    for (const c of children) c.process.kill('SIGKILL');
    process.exit(2);
  }, HARD_LIMIT_MS);
  limit.unref();
  try {
    await sandbox.ask({ cmd: 'latency', ms: LATENCY_MS });
    const gateway = await startGateway(sandbox, 'gateway');
    children.push(gateway as Child<unknown, object>);

    // Data the scenarios pick from, and a warm-up of every path they use.
    const records = await must(
      gateway,
      gql('{ flowize { records(first: 300) { nodes { uuid } } } }'),
      'listing records',
    );
    const uuids = records.flowize.records.nodes.map((n: { uuid: string }) => n.uuid) as string[];
    const orders = await must(gateway, gql('{ flxpoint { orders(first: 40) { nodes { id } } } }'), 'listing orders');
    const orderIds = orders.flxpoint.orders.nodes.map((n: { id: string }) => n.id) as string[];
    if (orderIds.length < 20)
      throw new Error(`the Flxpoint sandbox has ${orderIds.length} orders; scenario 4 needs 20`);
    const cases = await fanoutCases(gateway);
    log('warming up the gateway');
    await runLoad({
      origin: origin(gateway.ready.url),
      connections: 10,
      durationS: QUICK ? 2 : 5,
      next: () => gql(RECORD_QUERY, { uuid: uuids[Math.floor(Math.random() * uuids.length)] }),
      graphql: true,
    });
    for (const c of cases)
      await runLoad({ origin: origin(gateway.ready.url), connections: 1, amount: 5, next: c.request, graphql: true });
    await runLoad({
      origin: origin(gateway.ready.url),
      connections: 10,
      amount: 200,
      next: () => gql(HOT_QUERY),
      graphql: true,
    });

    log('scenario 1: overhead');
    const overheadRuns = await overhead(sandbox, gateway, uuids);

    log('scenario 2: fan-out (gateway vs naive build)');
    const naive = await startGateway(sandbox, 'gateway-naive', NAIVE_ENV);
    children.push(naive as Child<unknown, object>);
    for (const c of cases)
      await runLoad({ origin: origin(naive.ready.url), connections: 1, amount: 3, next: c.request, graphql: true });
    const fanoutRuns = await fanout(sandbox, gateway, naive, cases);
    await naive.stop();

    log('scenario 3: hot reads');
    const hot = await hotReads(sandbox, gateway);

    log('scenario 4: rate-limited vendor (Flxpoint)');
    const flx = await rateLimited(sandbox, gateway, orderIds);

    log('scenario 6: workers (1 vs VENDORGRAPH_WORKERS=2)');
    const workerRuns = await workers(sandbox, gateway, uuids);

    log(`scenario 5: soak (${SOAK_S} s after a ${SOAK_WARMUP_S} s warm-up)`);
    const soakRun = await soak(sandbox, gateway, uuids, orderIds);

    const { heapLimit } = await gateway.ask<GatewayMemory>({ cmd: 'memory' });
    await gateway.stop();
    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      wallSeconds: (performance.now() - t0) / 1000,
      quick: QUICK || env.BENCH_SOAK_SECONDS !== undefined,
      latencyMs: LATENCY_MS,
      gatewayBuild: prepared.note,
      memory: { limitMb: MEMORY_LIMIT_MB, manifestLimitMb: manifestMemoryLimitMb(), heapLimitBytes: heapLimit },
      clientCost,
      stackFloor,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGb: totalmem() / 1024 ** 3,
        node: process.version,
        loadBefore,
        loadAfter: loadavg(),
      },
      overhead: overheadRuns,
      fanout: fanoutRuns,
      hot,
      flxpoint: flx,
      soak: soakRun,
      workers: workerRuns,
    };
    const targets: Target[] = [];
    const markdown = renderReport(report, targets, OUT_NAME);
    mkdirSync(RESULTS, { recursive: true });
    for (const [name, svg] of Object.entries(renderCharts(report))) writeFileSync(`${OUT}-${name}.svg`, svg);
    writeFileSync(`${OUT}.json`, JSON.stringify({ ...report, targets }, null, 2) + '\n');
    writeFileSync(`${OUT}.md`, markdown);
    log(`wrote ${OUT}.md and ${OUT}.json in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    for (const t of targets) log(`${t.result}  ${t.name}: ${t.measured} (target ${t.target})`);
  } finally {
    for (const c of children.reverse()) await c.stop().catch(() => undefined);
    clearTimeout(limit);
  }
}

/** `npm run bench -- --render`: rewrites the Markdown from the JSON of the last run (no measuring). */
function renderOnly(): void {
  const { targets: _old, ...report } = JSON.parse(readFileSync(`${OUT}.json`, 'utf8')) as BenchReport & {
    targets: Target[];
  };
  const targets: Target[] = [];
  writeFileSync(`${OUT}.md`, renderReport(report, targets, OUT_NAME));
  for (const [name, svg] of Object.entries(renderCharts(report))) writeFileSync(`${OUT}-${name}.svg`, svg);
  writeFileSync(`${OUT}.json`, JSON.stringify({ ...report, targets }, null, 2) + '\n');
  log(`rewrote ${OUT}.md from ${OUT}.json`);
}

(process.argv.includes('--render') ? Promise.resolve(renderOnly()) : main()).then(
  () => process.exit(0),
  (error) => {
    log(`failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
