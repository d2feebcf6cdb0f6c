/**
 * Where a gateway's CPU went: a V8 CPU profile (from `node:inspector` or `--cpu-prof`) folded into
 * layers by the file each sampled function lives in. A built-in with no file (JSON.parse, a RegExp,
 * a Map lookup) counts toward the layer of the JavaScript that called it, so "GraphQL" includes the
 * JSON.stringify Apollo calls and "gateway: vendors" the regular expressions of a vendor mapper.
 */

/** The parts of a V8 `.cpuprofile` this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The layers, in the order reports list them. */
export const LAYERS = [
  'GraphQL (graphql-js, Apollo Server, query rules)',
  'HTTP server (Express, body parsing)',
  'vendor HTTP client (got and its helpers)',
  'Node runtime (sockets, streams, timers)',
  'promises and async hooks (microtasks, AsyncLocalStorage)',
  'garbage collection',
  'gateway: http layer (src/http)',
  'gateway: vendors (clients, models, resolvers)',
  'gateway: core (server, security, context, dates, errors)',
  'logging, metrics, tracing',
  'DataLoader',
  'other libraries',
  'V8 and native (compiler, program)',
] as const;

export type Layer = (typeof LAYERS)[number];

/** Short names for charts. */
export const LAYER_SHORT: Record<Layer, string> = {
  'GraphQL (graphql-js, Apollo Server, query rules)': 'GraphQL',
  'HTTP server (Express, body parsing)': 'HTTP server',
  'vendor HTTP client (got and its helpers)': 'got',
  'Node runtime (sockets, streams, timers)': 'Node runtime',
  'promises and async hooks (microtasks, AsyncLocalStorage)': 'promises',
  'garbage collection': 'GC',
  'gateway: http layer (src/http)': 'our http layer',
  'gateway: vendors (clients, models, resolvers)': 'our vendors',
  'gateway: core (server, security, context, dates, errors)': 'our core',
  'logging, metrics, tracing': 'logs/metrics',
  DataLoader: 'DataLoader',
  'other libraries': 'other libs',
  'V8 and native (compiler, program)': 'V8/native',
};

const PACKAGE_LAYER: [RegExp, Layer][] = [
  [
    /node_modules\/(graphql|@apollo|graphql-query-complexity|@graphql-tools|@escape\.tech|graphql-scalars|@graphql-typed-document-node)\//,
    'GraphQL (graphql-js, Apollo Server, query rules)',
  ],
  [
    /node_modules\/(express|router|body-parser|raw-body|iconv-lite|qs|content-type|type-is|on-finished|finalhandler|send|@as-integrations|negotiator|accepts|mime-types|mime-db|parseurl|cookie|depd|statuses|http-errors|vary|serve-static|encodeurl|escape-html|fresh|etag|range-parser|media-typer|proxy-addr|forwarded|ipaddr\.js|merge-descriptors|setprototypeof|unpipe|ee-first|destroy|content-disposition)\//,
    'HTTP server (Express, body parsing)',
  ],
  [
    /node_modules\/(got|@sindresorhus|@szmarczak|cacheable-lookup|cacheable-request|http2-wrapper|decompress-response|mimic-response|lowercase-keys|p-cancelable|responselike|form-data-encoder|keyv|normalize-url|defer-to-connect|quick-lru|resolve-alpn|http-cache-semantics|opossum|bottleneck|type-fest|byte-counter|chunk-data)\//,
    'vendor HTTP client (got and its helpers)',
  ],
  [
    /node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|on-exit-leak-free|atomic-sleep|quick-format-unescaped|safe-stable-stringify|prom-client|tdigest|bintrees|@opentelemetry)\//,
    'logging, metrics, tracing',
  ],
  [/node_modules\/dataloader\//, 'DataLoader'],
];

function layerOfUrl(url: string, functionName: string): Layer | undefined {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'V8 and native (compiler, program)';
    // V8 running promise reactions: the cost of awaiting, wherever the awaited code lives.
    if (functionName === 'runMicrotasks') return 'promises and async hooks (microtasks, AsyncLocalStorage)';
    return undefined;
  }
  if (url.startsWith('node:')) {
    if (/async_hooks|async_local_storage|promise_hooks/.test(url))
      return 'promises and async hooks (microtasks, AsyncLocalStorage)';
    return 'Node runtime (sockets, streams, timers)';
  }
  for (const [re, layer] of PACKAGE_LAYER) if (re.test(url)) return layer;
  if (url.includes('/node_modules/')) return 'other libraries';
  if (/\/(src|dist)\/http\//.test(url)) return 'gateway: http layer (src/http)';
  if (/\/(src|dist)\/(vendors|kit)\//.test(url)) return 'gateway: vendors (clients, models, resolvers)';
  if (/\/(src|dist)\/(observability|logger)/.test(url)) return 'logging, metrics, tracing';
  if (/\/(src|dist)\//.test(url)) return 'gateway: core (server, security, context, dates, errors)';
  return 'other libraries';
}

export interface ProfileSummary {
  /** Sampled milliseconds, idle excluded. */
  busyMs: number;
  /** Milliseconds per layer (self time, built-ins folded into their caller's layer). */
  layers: Partial<Record<Layer, number>>;
  /** The costliest functions by self time: `name file:line` → ms. */
  top: { fn: string; layer: Layer; ms: number }[];
  /** Self time in graphql-js's executor (graphql/execution/): all that compiled execution (graphql-jit) could replace. */
  executionMs: number;
}

/** Files of graphql-js's executor. */
const GRAPHQL_EXECUTION = /node_modules\/graphql\/execution\//;

/** Folds a profile into layers and its costliest functions. */
export function summarizeProfile(profile: CpuProfile, topN = 25): ProfileSummary {
  const selfMs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the gap before sample i; the sample's own span is the next delta.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + dt);
  }
  const { total, layers, top } = foldByLayer(profile.nodes, selfMs, topN);
  let executionMs = 0;
  for (const node of profile.nodes)
    if (GRAPHQL_EXECUTION.test(node.callFrame.url)) executionMs += selfMs.get(node.id) ?? 0;
  return { busyMs: total, layers, top: top.map(({ fn, layer, value }) => ({ fn, layer, ms: value })), executionMs };
}

/** The parts of a V8 sampling heap profile (`HeapProfiler.stopSampling`) this reads. */
export interface AllocationProfile {
  head: AllocationNode;
}
interface AllocationNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

export interface AllocationSummary {
  /** Sampled bytes allocated. */
  bytes: number;
  /** Bytes per layer, by the file of the allocating function (built-ins: their caller's layer). */
  layers: Partial<Record<Layer, number>>;
  /** The functions that allocated most: `name file:line` → bytes. */
  top: { fn: string; layer: Layer; bytes: number }[];
}

/**
 * Folds a sampling heap profile (taken with objects collected by minor and major GCs included, so
 * it counts everything allocated, not what survived) into the same layers as the CPU profiles.
 */
export function summarizeAllocations(profile: AllocationProfile, topN = 25): AllocationSummary {
  const nodes: CpuProfile['nodes'] = [];
  const selfBytes = new Map<number, number>();
  const walk = (n: AllocationNode) => {
    nodes.push({ id: n.id, callFrame: n.callFrame, children: n.children.map((c) => c.id) });
    if (n.selfSize) selfBytes.set(n.id, n.selfSize);
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  const { total, layers, top } = foldByLayer(nodes, selfBytes, topN);
  return { bytes: total, layers, top: top.map(({ fn, layer, value }) => ({ fn, layer, bytes: value })) };
}

/** Sums a per-node self value (ms, bytes) into layers and the top functions. */
function foldByLayer(
  nodes: CpuProfile['nodes'],
  self: Map<number, number>,
  topN: number,
): { total: number; layers: Partial<Record<Layer, number>>; top: { fn: string; layer: Layer; value: number }[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const layerCache = new Map<number, Layer>();
  const layerOf = (id: number): Layer => {
    const cached = layerCache.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    let layer = layerOfUrl(node.callFrame.url, node.callFrame.functionName);
    if (!layer) {
      const p = parent.get(id);
      // A built-in called from nothing we know (the root): V8 itself.
      layer =
        p === undefined || byId.get(p)!.callFrame.functionName === '(root)'
          ? 'V8 and native (compiler, program)'
          : layerOf(p);
    }
    layerCache.set(id, layer);
    return layer;
  };
  // The benchmark's own IPC handler (bench/gateway.mjs) stops the profiler and serializes the
  // profile inside the profiled span: its samples are not the gateway's.
  const excluded = new Set<number>();
  const exclude = (id: number) => {
    excluded.add(id);
    for (const c of byId.get(id)!.children ?? []) exclude(c);
  };
  for (const n of nodes) if (/\/bench\/gateway\.m?[jt]s$/.test(n.callFrame.url) && !excluded.has(n.id)) exclude(n.id);
  const layers: Partial<Record<Layer, number>> = {};
  const fns = new Map<string, { layer: Layer; value: number }>();
  let total = 0;
  for (const [id, value] of self) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(root)' || excluded.has(id)) continue;
    total += value;
    const layer = layerOf(id);
    layers[layer] = (layers[layer] ?? 0) + value;
    const file = node.callFrame.url.replace(/^.*\/(node_modules|src|dist)\//, '$1/');
    const key = `${name || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
    const f = fns.get(key) ?? { layer, value: 0 };
    f.value += value;
    fns.set(key, f);
  }
  const top = [...fns]
    .map(([fn, v]) => ({ fn, layer: v.layer, value: v.value }))
    .sort((a, b) => b.value - a.value)
    .slice(0, topN);
  return { total, layers, top };
}

/** The layers as "name share%" sorted by share, e.g. for a report sentence. */
export function layerShares(summary: ProfileSummary, count = 5): { layer: Layer; share: number; ms: number }[] {
  return (Object.entries(summary.layers) as [Layer, number][])
    .map(([layer, ms]) => ({ layer, ms, share: ms / Math.max(1e-9, summary.busyMs) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}
