/**
 * Turns one benchmark run into bench/results/latest.md: every scenario's throughput, p50/p95/p99,
 * upstream calls per operation and peak RSS, and every target of issue 9 beside its measured value
 * with PASS or MISS (and, for a miss, what limits it).
 */
import type { Latency, LoadResult } from './load.js';

/** One measured load. */
export interface ScenarioRun extends LoadResult {
  label: string;
  upstreamCalls: number;
  upstreamPerOp: number;
  upstreamByPath: Record<string, number>;
  peakRssBytes?: number;
  /** CPU time (user + system) the gateway process used per operation during the run. */
  gatewayCpuMsPerOp?: number;
}

export interface FanoutRun {
  name: string;
  depth: number;
  depthNote: string;
  minimumCalls: number;
  minimumNote: string;
  optimized: ScenarioRun;
  naive: ScenarioRun;
}

export interface BenchReport {
  startedAt: string;
  wallSeconds: number;
  quick: boolean;
  latencyMs: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadBefore: number[]; loadAfter: number[] };
  overhead: ScenarioRun[];
  fanout: FanoutRun[];
  hot: { identical: ScenarioRun; perClient: ScenarioRun };
  /** One-call throughput on one worker and on VENDORGRAPH_WORKERS=2 (absent from runs before it existed). */
  workers?: { one: ScenarioRun; two: ScenarioRun };
  flxpoint: {
    ops: number;
    totalMs: number;
    latency: Latency;
    upstreamCalls: number;
    rateLimited: number;
    errorsByCode: Record<string, number>;
    failedOps: number;
    peakRssBytes?: number;
  };
  soak: {
    durationS: number;
    warmupS: number;
    faults: { share: number; what: string }[];
    main: LoadResult;
    flxpoint: LoadResult;
    ops: number;
    failedOps: number;
    errorsByCode: Record<string, number>;
    upstreamCalls: number;
    upstreamPerOp: number;
    faultedCalls: number;
    byVendor: Record<string, { requests: number; faulted: number }>;
    rssStart: number;
    rssEnd: number;
    peakRssBytes?: number;
    heapAfterGcStart: number;
    heapAfterGcEnd: number;
    /** Every 2 s from the start of the warm-up (t < 0) to the end. */
    rssSamples: MemorySample[];
    alive: boolean;
    healthStatus: number;
  };
}

/**
 * RSS at the start and the end of the soak, each the median of the samples of a window (the
 * first and the last 30 s, or a third of a shorter soak): a single sample lands anywhere on V8's
 * garbage-collection sawtooth, which swings RSS by tens of MB within seconds.
 */
export function rssWindows(samples: MemorySample[], durationS: number): { windowS: number; start: number; end: number } {
  const windowS = Math.min(30, durationS / 3);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
  };
  return {
    windowS,
    start: median(samples.filter((x) => x.t >= 0 && x.t < windowS).map((x) => x.rss)),
    end: median(samples.filter((x) => x.t > durationS - windowS).map((x) => x.rss)),
  };
}

/** The gateway's memory at `t` seconds into the soak (negative: during the warm-up). */
export interface MemorySample {
  t: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
}

/** One target of the issue, measured. */
export interface Target {
  scenario: string;
  name: string;
  target: string;
  measured: string;
  result: 'PASS' | 'MISS';
  /** What limits the measured value (shown for a miss). */
  limits?: string;
}

/** Vendor round trips the Flxpoint bucket allows 20 calls in: 2 at once, then one per 500 ms. */
export const FLXPOINT_BURST = 2;
export const FLXPOINT_RATE = 2;

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : '—');
const mb = (bytes: number | undefined) => (bytes === undefined || !bytes ? '—' : `${(bytes / 1024 ** 2).toFixed(1)} MB`);
const num = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const codes = (byCode: Record<string, number>) =>
  Object.keys(byCode).length === 0
    ? 'none'
    : Object.entries(byCode)
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(', ');

function runRow(run: ScenarioRun, extra: string[] = []): string {
  return `| ${run.label} | ${run.ops} | ${num(run.throughput)} /s | ${ms(run.latency.p50)} | ${ms(run.latency.p95)} | ${ms(run.latency.p99)} | ${num(run.upstreamPerOp, 3)} | ${run.gatewayCpuMsPerOp === undefined ? '—' : ms(run.gatewayCpuMsPerOp)} | ${mb(run.peakRssBytes)} | ${run.failedOps}${extra.map((e) => ` | ${e}`).join('')} |`;
}

const RUN_HEADER =
  '| Run | Ops | Throughput | p50 | p95 | p99 | Upstream calls / op | Gateway CPU / op | Peak RSS (gateway) | Failed ops |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';

/**
 * Where the gateway's CPU went under load, by layer: a V8 CPU profile of the gateway serving the
 * overhead query at concurrency 50 (BENCH_PROFILE=1 writes such profiles), taken on the final code
 * while building the benchmark. Shares of the busy time.
 */
export const PROFILE_SPLIT =
  'vendor HTTP client (got, http-cache-semantics, opossum) 21%, HTTP server (Express, router, body-parser) 18%, Node sockets/streams/timers 18%, GraphQL (graphql-js, Apollo Server, the query-cost rule) 16%, garbage collection 13%, gateway code 10% (its http layer 6%), logging and metrics 3%';

function target(scenario: string, name: string, targetText: string, measured: string, pass: boolean, limits?: string): Target {
  return { scenario, name, target: targetText, measured, result: pass ? 'PASS' : 'MISS', ...(!pass && limits && { limits }) };
}

/** The targets of issue 9, evaluated on `report`; a miss says what limits it, from the run's own numbers. */
export function evaluateTargets(report: BenchReport): Target[] {
  const targets: Target[] = [];
  const find = (label: string) => report.overhead.find((r) => r.label.startsWith(label))!;
  const direct1 = find('direct GET /record, concurrency 1');
  const direct50 = find('direct GET /record, concurrency 50');
  const gateway50 = find('gateway flowize.record, concurrency 50');
  const added50 = gateway50.latency.p50 - direct50.latency.p50;
  const added99 = gateway50.latency.p99 - direct50.latency.p99;
  const cpu50 = gateway50.gatewayCpuMsPerOp ?? NaN;
  const needed = 50 / ((direct50.latency.p50 + 1) / 1000);
  const overheadLimits =
    `CPU per operation. Each operation costs the gateway ${ms(cpu50)} of CPU (${PROFILE_SPLIT}), and an operation’s JavaScript runs on one thread, so at 50 in flight the gateway saturates at ${num(gateway50.throughput, 0)} operations/s (the simulator alone answers ${num(direct50.throughput, 0)}/s) and operations queue for that thread: by Little’s law 50 ÷ ${num(gateway50.throughput, 0)}/s ≈ ${ms((50 / gateway50.throughput) * 1000)} per operation, of which one vendor round trip is ~${ms(direct50.latency.p50)}. ` +
    `Adding ≤ 1 ms at 50 in flight means serving ~${num(needed, 0)} operations/s, i.e. ≤ ~${ms(1000 / needed)} of CPU per operation (${num(cpu50 / (1000 / needed), 1)}× less than now; dropping the largest layer entirely would not get there), or one gateway process per core behind a balancer; this machine’s ${report.machine.cpus} cores also run the load generator and the simulators.`;
  targets.push(target('1. Overhead', 'Added latency p50 at concurrency 50', '≤ 1 ms', ms(added50), added50 <= 1, overheadLimits));
  targets.push(target('1. Overhead', 'Added latency p99 at concurrency 50', '≤ 5 ms', ms(added99), added99 <= 5, 'As for p50, plus garbage-collection pauses and the other processes taking the cores in turn.'));
  const roundTrip = direct1.latency.p50;
  for (const f of report.fanout) {
    const bound = 1.1 * f.depth * report.latencyMs;
    const p50 = f.optimized.latency.p50;
    const beyond = p50 - f.depth * roundTrip;
    const waves = /(\d+) round trips/.exec(f.depthNote)?.[1];
    const fanoutLimits =
      `${f.depth} vendor round trip${f.depth === 1 ? '' : 's'} cost${f.depth === 1 ? 's' : ''} ${ms(f.depth * roundTrip)} here (one direct round trip is ${ms(roundTrip)} at p50: the ${report.latencyMs} ms injected plus the simulator, loopback and client)` +
      (waves ? ', ' : '. ') +
      (waves ? `and the Appmixer loaders’ cap on calls in flight turns the second level into waves: ${waves} round trips ≈ ${ms(Number(waves) * roundTrip)}. ` : '') +
      `The rest, ~${ms(Math.max(0, beyond - (waves ? (Number(waves) - f.depth) * roundTrip : 0)))}, is the gateway’s own work on the critical path: ${ms(f.optimized.gatewayCpuMsPerOp ?? NaN)} of CPU per operation for ${num(f.optimized.upstreamPerOp, 0)} vendor calls (each ~0.3–1 ms through got, the cache and the breaker) and for parsing, resolving and serializing every item.`;
    targets.push(target('2. Fan-out', `${f.name}: p50 latency`, `≤ 1.1 × ${f.depth} × ${report.latencyMs} ms = ${ms(bound)}`, ms(p50), p50 <= bound, fanoutLimits));
    targets.push(
      target(
        '2. Fan-out',
        `${f.name}: upstream calls / op`,
        `= ${f.minimumCalls} (minimum)`,
        num(f.optimized.upstreamPerOp, 2),
        f.optimized.upstreamPerOp <= f.minimumCalls + 1e-9,
        'The plan makes more calls than the vendor minimum (the calls by path are in latest.json).',
      ),
    );
  }
  targets.push(
    target(
      '3. Hot reads',
      '50 concurrent identical queries: upstream calls / op',
      '≤ 0.1',
      num(report.hot.identical.upstreamPerOp, 3),
      report.hot.identical.upstreamPerOp <= 0.1,
      'Calls that neither joined one in flight nor were answered from the cache.',
    ),
  );
  const minMs = flxpointMinimumMs(report.flxpoint.ops, report.latencyMs);
  targets.push(
    target(
      '4. Rate-limited vendor',
      '20 Flxpoint calls: total time',
      `≤ 1.1 × ${ms(minMs)} = ${ms(1.1 * minMs)}`,
      `${ms(report.flxpoint.totalMs)} (${num(report.flxpoint.totalMs / minMs, 2)}×)`,
      report.flxpoint.totalMs <= 1.1 * minMs,
      'The gateway spaces Flxpoint calls 500 ms apart instead of using the bucket’s burst of 2.',
    ),
  );
  targets.push(target('4. Rate-limited vendor', '20 Flxpoint calls: 429s from the vendor', '0', String(report.flxpoint.rateLimited), report.flxpoint.rateLimited === 0, 'The gateway’s queue and the vendor’s bucket disagreed about timing.'));
  const rss = rssWindows(report.soak.rssSamples, report.soak.durationS);
  const growth = (rss.end - rss.start) / rss.start;
  targets.push(
    target(
      '5. Soak',
      `RSS growth over the soak (median of the first vs the last ${num(rss.windowS, 0)} s)`,
      '≤ 10%',
      `${num(growth * 100, 1)}% (${mb(rss.start)} → ${mb(rss.end)})`,
      growth <= 0.1,
      `RSS follows the V8 heap the gateway reserves (see the samples); heap after a full GC went ${mb(report.soak.heapAfterGcStart)} → ${mb(report.soak.heapAfterGcEnd)}.`,
    ),
  );
  targets.push(
    target(
      '5. Soak',
      'No crash',
      'process alive, /healthz 200',
      report.soak.alive ? `alive, /healthz ${report.soak.healthStatus}` : 'exited',
      report.soak.alive && report.soak.healthStatus === 200,
      'The gateway process stopped or stopped answering /healthz.',
    ),
  );
  return targets;
}

/**
 * The least time 20 calls can take under Flxpoint's limit (FLXPOINT_BURST per token in any sliding
 * second): pairs one second apart, plus one vendor round trip for the last.
 */
export function flxpointMinimumMs(calls: number, latencyMs: number): number {
  return (Math.max(0, calls - FLXPOINT_BURST) / FLXPOINT_RATE) * 1000 + latencyMs;
}

/** The Markdown report; `targets` receives the evaluated targets. */
export function renderReport(report: BenchReport, targets: Target[]): string {
  targets.push(...evaluateTargets(report));
  const m = report.machine;
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push('# vendorgraph benchmarks', '');
  if (report.quick) push('> **Quick run** (shortened loads and soak): not the committed full run.', '');
  push(
    `Run ${report.startedAt} · ${m.cpus} × ${m.cpuModel} · ${num(m.memoryGb, 0)} GB · Node ${m.node} · load average before ${m.loadBefore.map((l) => l.toFixed(2)).join(' / ')}, after ${m.loadAfter.map((l) => l.toFixed(2)).join(' / ')} · whole run ${num(report.wallSeconds, 0)} s.`,
    '',
    `Every simulated vendor answers after an injected **${report.latencyMs} ms**. Generated by \`npm run bench\` (bench/run.ts); raw numbers in \`latest.json\`.`,
    '',
    '## Targets',
    '',
    '| Scenario | Target | Goal | Measured | Result |',
    '|---|---|---|---|---|',
    ...targets.map((t) => `| ${t.scenario} | ${t.name} | ${t.target} | ${t.measured} | **${t.result}** |`),
    '',
  );
  const misses = targets.filter((t) => t.result === 'MISS');
  if (misses.length > 0) {
    push('What limits the misses:', '');
    for (const t of misses) push(`- **${t.name}** — ${t.limits ?? 'see below.'}`);
    push('');
  }

  push(
    '## Changes made from these measurements',
    '',
    '- `src/dates.ts`: every vendor date built a new `Intl.DateTimeFormat` (even for UTC) — 12% of the gateway’s CPU under the overhead load. Now one formatter per zone, and none for UTC: in back-to-back profiling runs throughput at concurrency 50 went from 272 to 447 operations/s, and the 250-row fan-out from ~190 ms to ~40 ms at p50.',
    '- `src/server.ts`: Apollo’s cache-control plugin wrapped every field resolver to collect cache hints the gateway never sets (visible per list item in the fan-out profiles). It is disabled; a small plugin still marks every answer `Cache-Control: no-store`, as before.',
    '- `src/vendors/flowize/models.ts`: each of a table row’s four field resolvers mapped the whole row again (both dates parsed, the columns copied); a row is now mapped once.',
    '- The naive build switches (`VENDORGRAPH_NAIVE_LOADERS`, `VENDORGRAPH_DEDUPE_ENABLED`) and simulator faults with a probability were added for this benchmark.',
    '',
    '## How it is measured',
    '',
    '- Three processes on loopback: the runner with the load generator (autocannon 8, closed loop: each connection keeps one request in flight), the simulators (bench/sandbox.ts) and the gateway (bench/gateway.ts: the real `startGateway`). Nothing leaves 127.0.0.1 and every process stops with the run.',
    '- The gateway runs as shipped in sandbox mode except: client authentication on (every request carries an API key), upstream budget 1000 calls (so the naive build can make 250), vendor response timeout 2 s (the soak injects hangs). Logging stays at `info` (one line per request, to /dev/null); metrics stay on.',
    '- The Flowize simulator’s own quota (5,000 calls/min) is lifted so the gateway’s quota governor does not pace the load; Flxpoint keeps its 2 calls/s per token.',
    '- **Upstream calls / op** = requests the simulators served during the run ÷ operations answered (token calls included; none are needed once a token is held).',
    '- **Gateway CPU / op** = user + system CPU time of the gateway process during the run (`process.cpuUsage()`) ÷ operations: what one operation costs the gateway, whatever else the machine is doing.',
    '- **Peak RSS** is the gateway process’s high-water mark during the run (`/proc/<pid>/status` VmHWM, reset at the start of each run).',
    '- **Naive build**: the same gateway and resolvers started with `VENDORGRAPH_NAIVE_LOADERS=true` (every DataLoader built with `batch: false, cache: false`: one vendor call per key, repeats included), `VENDORGRAPH_CACHE_ENABLED=false` and `VENDORGRAPH_DEDUPE_ENABLED=false` (no HTTP cache, no sharing of identical calls in flight).',
    '',
  );

  push('## 1. Overhead: one vendor call, through the gateway and direct', '');
  push(
    'The gateway answers `flowize { record(uuid) { uuid data } }` — one `GET /record` — for a uuid picked at random from 300; the direct run sends the same `GET /record` (same headers, same token) to the simulator. The gateway revalidates with `If-None-Match`, so its vendor answer is often a 304.',
    '',
    RUN_HEADER,
    ...report.overhead.map((r) => runRow(r)),
    '',
  );
  for (const c of [1, 50]) {
    const d = report.overhead.find((r) => r.label === `direct GET /record, concurrency ${c}`);
    const g = report.overhead.find((r) => r.label === `gateway flowize.record, concurrency ${c}`);
    if (d && g) push(`Added latency at concurrency ${c}: p50 **${ms(g.latency.p50 - d.latency.p50)}**, p95 ${ms(g.latency.p95 - d.latency.p95)}, p99 **${ms(g.latency.p99 - d.latency.p99)}**; throughput ${num(g.throughput)} vs ${num(d.throughput)} /s.`, '');
  }

  push('## 2. Fan-out, against the naive build', '', 'One operation at a time (concurrency 1), so latency is the operation’s own.', '');
  for (const f of report.fanout) {
    push(
      `### ${f.name}`,
      '',
      `Depth ${f.depth} (${f.depthNote}) → bound 1.1 × ${f.depth} × ${report.latencyMs} ms = ${ms(1.1 * f.depth * report.latencyMs)}. Minimum vendor calls: ${f.minimumCalls} (${f.minimumNote}).`,
      '',
      RUN_HEADER,
      runRow(f.optimized),
      runRow(f.naive),
      '',
      `Naive ÷ gateway: **${num(f.naive.latency.p50 / f.optimized.latency.p50, 1)}×** the p50 latency, **${num(f.naive.upstreamPerOp / f.optimized.upstreamPerOp, 1)}×** the vendor calls, ${num((f.naive.gatewayCpuMsPerOp ?? NaN) / (f.optimized.gatewayCpuMsPerOp ?? NaN), 1)}× the gateway CPU.`,
      '',
    );
    if (f.naive.latency.p50 < f.optimized.latency.p50 && f.name.startsWith('Appmixer')) {
      push(
        `The naive build is not slower here: its loaders do not batch, so the per-batch cap on calls in flight never applies and each level’s calls go out at once (${num(f.naive.upstreamPerOp, 0)} calls in 3 round trips: the log entries’ flows are a level of their own without the loader’s cache), while the gateway sends its ${num(f.optimized.upstreamPerOp, 0)} calls a capped number at a time per loader (${/(\d+) round trips/.exec(f.depthNote)?.[1] ?? 'more'} round trips). The cap trades latency for ${num(f.naive.upstreamPerOp / f.optimized.upstreamPerOp, 1)}× less load on a vendor that publishes no rate limit.`,
        '',
      );
    }
  }

  push(
    '## 3. Hot reads',
    '',
    'The query: `flowize { records(first: 20, filter: { flowName }) { nodes { uuid status createdAt flow { description } } } }` — a record search and a flow diagram, two calls when nothing is shared.',
    '',
    '"Different credentials": client credentials are per caller (API keys, JWTs) but vendor credentials belong to the gateway (design rule: every vendor credential stays in the gateway), so there are no per-client vendor credentials to vary. The second run gives each of the 50 connections its own API key (50 configured clients); the vendor answer does not depend on the client, so they share calls exactly as one client does — the cache and in-flight sharing are keyed by the *vendor* credential identity, and role checks happen per field in the gateway before any vendor call.',
    '',
    RUN_HEADER,
    runRow(report.hot.identical),
    runRow(report.hot.perClient),
    '',
  );

  const f = report.flxpoint;
  const minMs = flxpointMinimumMs(f.ops, report.latencyMs);
  push(
    '## 4. Rate-limited vendor: 20 Flxpoint calls',
    '',
    `20 operations sent at once, each \`flxpoint { order(id) }\` for a different order (one \`GET /orders/{id}\` each, one Account token). Flxpoint allows 2 requests per token in any sliding second (the simulator counts arrivals that way), so the least time is ${FLXPOINT_BURST} calls at once, then a pair every second, plus one round trip: **${ms(minMs)}**. The gateway adds a safety margin of 75 ms per second for arrival jitter.`,
    '',
    '| Ops | Total time | ÷ minimum | Vendor calls | 429s from the vendor | p50 | p95 | p99 | Errors | Peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    `| ${f.ops} | ${ms(f.totalMs)} | ${num(f.totalMs / minMs, 2)}× | ${f.upstreamCalls} | ${f.rateLimited} | ${ms(f.latency.p50)} | ${ms(f.latency.p95)} | ${ms(f.latency.p99)} | ${codes(f.errorsByCode)} | ${mb(f.peakRssBytes)} |`,
    '',
  );

  if (report.workers) {
    const { one, two } = report.workers;
    push(
      '## 6. Workers: one-call throughput on one worker and on two',
      '',
      `\`flowize.record\` at concurrency 50 for ${report.quick ? 3 : 10} s each, on the main gateway (one process) and on a gateway started with \`VENDORGRAPH_WORKERS=2\` (no Redis: the workers share tokens, cache, breaker marks and limits through the primary), back to back. This machine has ${report.machine.cpus} cores, shared with the load generator and the simulators. Gateway CPU is not sampled for the clustered run.`,
      '',
      RUN_HEADER,
      runRow(one),
      runRow(two),
      '',
      `Two workers: ${num(two.throughput / one.throughput, 2)}× the throughput of one.`,
      '',
    );
  }

  const s = report.soak;
  const rss = rssWindows(s.rssSamples, s.durationS);
  const growth = (rss.end - rss.start) / rss.start;
  push(
    `## 5. Soak: ${s.durationS} s of mixed traffic with ~5% of vendor calls failing`,
    '',
    `16 connections over a mix of Flowize (record by id, hot search, 20 table rows, flow diagram), flexiPIM (products), Appmixer (flows with logs) and PhixFlow (\`phixflowInvoke\`, a write: never retried), plus Flxpoint orders at 1/s on their own connection (its limit is 2/s). Injected on every vendor: ${s.faults.map((x) => `${x.what} ${num(x.share * 100, 2)}%`).join(', ')}. A ${s.warmupS} s warm-up of the same mix runs first.`,
    '',
    `| Ops | Throughput | p50 | p95 | p99 | Failed ops | Vendor calls | Faulted calls | Calls / op | RSS first → last ${num(rss.windowS, 0)} s (median) | Growth | RSS at the first → last instant | Peak RSS | Heap after a full GC, start → end |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---|',
    `| ${s.ops} | ${num(s.main.throughput + s.flxpoint.throughput)} /s | ${ms(s.main.latency.p50)} | ${ms(s.main.latency.p95)} | ${ms(s.main.latency.p99)} | ${s.failedOps} (${num((s.failedOps / Math.max(1, s.ops)) * 100, 2)}%) | ${s.upstreamCalls} | ${s.faultedCalls} (${num((s.faultedCalls / Math.max(1, s.upstreamCalls)) * 100, 2)}%) | ${num(s.upstreamPerOp, 2)} | ${mb(rss.start)} → ${mb(rss.end)} | ${num(growth * 100, 1)}% | ${mb(s.rssStart)} → ${mb(s.rssEnd)} | ${mb(s.peakRssBytes)} | ${mb(s.heapAfterGcStart)} → ${mb(s.heapAfterGcEnd)} |`,
    '',
    `Errors by code (operations may carry several): ${codes(s.errorsByCode)}. HTTP statuses: ${codes(Object.fromEntries([...new Set([...Object.keys(s.main.statuses), ...Object.keys(s.flxpoint.statuses)])].map((k) => [k, (s.main.statuses[k] ?? 0) + (s.flxpoint.statuses[k] ?? 0)])))}. Load-generator socket errors ${s.main.connectionErrors + s.flxpoint.connectionErrors}, timeouts ${s.main.timeouts + s.flxpoint.timeouts}.`,
    '',
    `Flxpoint share: ${s.flxpoint.ops} operations, p50 ${ms(s.flxpoint.latency.p50)}, p99 ${ms(s.flxpoint.latency.p99)}, errors ${codes(s.flxpoint.errorsByCode)}.`,
    '',
    `Gateway after the soak: ${s.alive ? 'running' : 'EXITED'}, /healthz ${s.healthStatus}.`,
    '',
    `Gateway memory every 10 s (MB; t < 0 is the warm-up; every 2 s in latest.json):`,
    '',
    '| t | RSS | Heap reserved | Heap used | External |',
    '|---:|---:|---:|---:|---:|',
    ...s.rssSamples.filter((_, i) => i % 5 === 0).map((x) => `| ${x.t.toFixed(0)} s | ${(x.rss / 1024 ** 2).toFixed(0)} | ${(x.heapTotal / 1024 ** 2).toFixed(0)} | ${(x.heapUsed / 1024 ** 2).toFixed(0)} | ${(x.external / 1024 ** 2).toFixed(0)} |`),
    '',
  );
  return lines.join('\n');
}
