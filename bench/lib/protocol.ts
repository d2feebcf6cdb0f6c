/** The messages the benchmark runner exchanges with its sandbox and gateway processes. */
import type { FaultRule } from '../../src/sandbox/framework.js';
import type { VendorName } from '../../src/context.js';

/** A fault rule as it crosses IPC: a path pattern is sent as a string. */
export type WireFaultRule = Omit<FaultRule, 'path'> & { pathPattern?: string };

export type SandboxCommand =
  /** Latency added to every simulated vendor request. */
  | { cmd: 'latency'; ms: number }
  /** Requests served per vendor since the last clear (and clear them when asked). */
  | { cmd: 'counts'; clear?: boolean }
  | { cmd: 'faults'; vendors?: VendorName[]; rules: WireFaultRule[] }
  | { cmd: 'clearFaults' };

export type SandboxReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** What one simulator served. */
export interface VendorCounts {
  requests: number;
  /** Requests answered by an injected fault. */
  faulted: number;
  /** Requests by `METHOD /path`. */
  byPath: Record<string, number>;
  /** 429s the simulator's own rate limit sent (Flxpoint), since it started. */
  rateLimited?: number;
}

export type GatewayCommand =
  | { cmd: 'memory'; gc?: boolean }
  | { cmd: 'cpu' }
  /** Starts the in-process V8 CPU profiler (sampling every `intervalUs`, default 500 µs). */
  | { cmd: 'profileStart'; intervalUs?: number }
  /** Stops it and answers the profile (a `.cpuprofile` object). */
  | { cmd: 'profileStop' }
  /** Starts V8's sampling heap profiler (a sample every `intervalBytes` allocated, default 16 KiB). */
  | { cmd: 'allocStart'; intervalBytes?: number }
  /** Stops it and answers the profile (a `.heapprofile` object). */
  | { cmd: 'allocStop' };

/** CPU time the gateway process has used since it started, in microseconds. */
export interface GatewayCpu {
  user: number;
  system: number;
}

export interface GatewayMemory {
  rss: number;
  heapTotal: number;
  /** V8's heap limit (`heap_size_limit`): what Node chose from the memory the process may use. */
  heapLimit: number;
  heapUsed: number;
  /** Memory of C++ objects bound to JavaScript (buffers included). */
  external: number;
  /** Whether a full GC ran first (the process needs --expose-gc). */
  collected: boolean;
}

export type GatewayReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
