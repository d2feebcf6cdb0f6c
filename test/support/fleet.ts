/**
 * Helpers for tests where several gateways (or a jittery network) stand in front of one set of
 * vendors: simulators started once and shared, a redis-server child process, a free port, and an
 * HTTP proxy that delays each request by a seeded random amount before it reaches the vendor.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import type { VendorName } from '../../src/context.js';
import { prng } from '../../src/sandbox/random.js';
import { simulators, startSimulator, type Simulator } from '../../src/sandbox/index.js';

/** Whether redis-server can be started here. */
export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RedisProcess {
  url: string;
  child: ChildProcess;
  /** Kills the server (SIGKILL: no goodbye to its clients) and resolves once it is gone. */
  kill(): Promise<void>;
}

/** Starts redis-server on a free loopback port (nothing persisted) and resolves once it accepts connections. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    child,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
  };
}

export interface SharedSimulators {
  sims: Record<VendorName, Simulator<any>>;
  /** Every vendor's variables pointing a gateway at these simulators. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts every vendor simulator once, for several gateways to share (as replicas share one vendor). */
export async function startSharedSimulators(): Promise<SharedSimulators> {
  const sims = {} as Record<VendorName, Simulator<any>>;
  const env: Record<string, string> = {};
  for (const [name, load] of Object.entries(simulators)) {
    const sim = await startSimulator(await load());
    sims[name as VendorName] = sim;
    Object.assign(env, sim.env());
  }
  return {
    sims,
    env,
    stop: async () => {
      await Promise.all(Object.values(sims).map((s) => s.stop()));
    },
  };
}

export interface JitterProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy to `target` that holds each request for a random 0–`maxMs` ms (seeded, so a run
 * is repeatable) before forwarding it: the scheduling and network jitter between the moment the
 * gateway sends a call and the moment the vendor counts its arrival.
 */
export async function startJitterProxy(target: string, maxMs: number, seed = 16): Promise<JitterProxy> {
  const random = prng(seed);
  const upstream = new URL(target);
  const server: Server = createHttpServer((req, res) => {
    const delay = Math.round(random() * maxMs);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      setTimeout(() => {
        const forwarded = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forwarded.on('error', () => res.destroy());
        forwarded.end(Buffer.concat(chunks));
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The arrival times of calls that `sim` answered on `token`, in order. */
export function arrivals(sim: Simulator<any>, token: string, path?: RegExp): number[] {
  return sim.requests
    .filter((r) => r.headers['x-api-token'] === token && (!path || path.test(r.path)))
    .map((r) => r.at);
}

/** The shortest gap between a call and the call `limit` before it (Infinity with too few calls). */
export function tightestWindow(times: number[], limit: number): number {
  let tightest = Infinity;
  for (let i = limit; i < times.length; i++) tightest = Math.min(tightest, times[i] - times[i - limit]);
  return tightest;
}
