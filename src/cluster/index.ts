/**
 * `VENDORGRAPH_WORKERS=N|auto`: N gateway processes behind one port (node:cluster), behaving as one
 * gateway. The primary serves no GraphQL: it starts the simulators once (sandbox mode) so every
 * worker talks to the same ones, holds the shared state when there is no Redis (workers reach it
 * through the IpcStore of ./ipc-store.ts; with `VENDORGRAPH_STORE=redis` they share Redis
 * instead), replaces a worker that dies, and on SIGTERM/SIGINT asks every worker to drain and
 * waits for them.
 *
 * src/index.ts calls {@link joinCluster} once (handing it the composition root's simulator
 * starter): the primary's work ends there, a worker (or a single process) goes on to start its
 * gateway with the options it returns.
 */
import cluster, { type Worker } from 'node:cluster';
import type { RunningGateway, RunningSandbox, StartOptions } from '../app.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** Worker environment: the vendors the primary's simulators answer (reported as SANDBOX). */
const SIMULATED_ENV = 'VENDORGRAPH_CLUSTER_SIMULATED';
/** A worker that exits this soon after it started, before it was ready, counts as a failed start. */
const EARLY_EXIT_MS = 10_000;
/** Failed starts in a row after which the primary gives up instead of forking forever. */
const MAX_FAILED_STARTS = 3;
/** How long the primary waits for workers to drain before it kills them. */
const DRAIN_TIMEOUT_MS = 30_000;

export type ClusterRole =
  /** This process is the primary: its work is done here (workers serve at `url`, it supervises). */
  | { primary: true; url: string }
  /** This process serves: start the gateway with `options`, then call `ready`. */
  | { primary: false; worker: boolean; options: StartOptions; ready(gateway: RunningGateway): void };

interface ReadyMessage {
  vgCluster: 'ready';
  url: string;
}

function isReady(message: unknown): message is ReadyMessage {
  return (message as ReadyMessage | undefined)?.vgCluster === 'ready';
}

/**
 * Decides this process's part. Without `VENDORGRAPH_WORKERS` > 1 the process serves alone. In the
 * primary of a cluster, starts the simulators and the workers and resolves once they serve.
 */
export async function joinCluster(
  config: Config,
  logger: Logger,
  startSandboxes: (config: Config) => Promise<RunningSandbox>,
): Promise<ClusterRole> {
  const workers = config.workers ?? 1;
  if (cluster.isWorker) return await workerRole(config);
  if (workers <= 1) return { primary: false, worker: false, options: {}, ready: () => undefined };
  const url = await runPrimary(config, workers, logger.child({ component: 'cluster' }), startSandboxes);
  return { primary: true, url };
}

async function workerRole(config: Config): Promise<ClusterRole> {
  const simulated = (process.env[SIMULATED_ENV] ?? '').split(',').filter(Boolean);
  // Without Redis the primary holds the state every worker shares. Every start loads this module,
  // so the IPC store is loaded only by a cluster's processes (here and in runPrimary).
  let store: StartOptions['store'];
  if (config.store?.kind !== 'redis') {
    const { IpcStore } = await import('./ipc-store.js');
    store = new IpcStore();
  }
  return {
    primary: false,
    worker: true,
    options: { store, simulated },
    ready(gateway) {
      // Which worker answered, for whoever is allowed debug output (sandbox mode, or VENDORGRAPH_DEBUG).
      if (config.debugAllowed)
        gateway.http.prependListener('request', (_req, res) =>
          res.setHeader('x-vendorgraph-worker', String(cluster.worker?.id ?? 0)),
        );
      process.send?.({ vgCluster: 'ready', url: gateway.url } satisfies ReadyMessage);
    },
  };
}

async function runPrimary(
  config: Config,
  count: number,
  logger: Logger,
  startSandboxes: (config: Config) => Promise<RunningSandbox>,
): Promise<string> {
  const sandbox = await startSandboxes(config);
  const env: Record<string, string> = {};
  for (const sim of Object.values(sandbox.simulators)) if (sim) Object.assign(env, sim.env());
  // What the operator set wins over the simulator's defaults, as in one process.
  const workerEnv = { ...env, ...process.env, [SIMULATED_ENV]: Object.keys(sandbox.simulators).join(',') };

  let stopHandler: ((worker: Worker, message: unknown) => void) | undefined;
  if (config.store?.kind !== 'redis') {
    const { MemoryStore } = await import('../http/store.js');
    const { RateLimiterClusterMaster } = await import('rate-limiter-flexible');
    const { serveStore } = await import('./ipc-store.js');
    new RateLimiterClusterMaster();
    stopHandler = serveStore(new MemoryStore({ maxEntries: config.storeMaxEntries, maxBytes: config.storeMaxBytes }));
    cluster.on('message', stopHandler);
  }

  // Structured clone over IPC: cached bodies and tokens arrive as they were stored.
  cluster.setupPrimary({ serialization: 'advanced' });
  let stopping = false;
  let failedStarts = 0;
  const startedAt = new Map<number, number>();
  const readyIds = new Set<number>();
  let url = '';
  let resolveAllReady!: () => void;
  let rejectStart!: (error: Error) => void;
  const allReady = new Promise<void>((resolve, reject) => {
    resolveAllReady = resolve;
    rejectStart = reject;
  });

  const fork = () => {
    const worker = cluster.fork(workerEnv);
    startedAt.set(worker.id, Date.now());
    worker.on('message', (message: unknown) => {
      if (!isReady(message)) return;
      readyIds.add(worker.id);
      failedStarts = 0;
      url = message.url;
      if (readyIds.size === count) resolveAllReady();
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const wasReady = readyIds.delete(worker.id);
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) return;
    if (!wasReady && lived < EARLY_EXIT_MS) failedStarts += 1;
    if (failedStarts >= MAX_FAILED_STARTS) {
      logger.error(
        { worker: worker.id, code, signal },
        `${failedStarts} workers in a row exited before serving: stopping`,
      );
      rejectStart(new Error('workers fail to start'));
      void stop(1);
      return;
    }
    logger.warn({ worker: worker.id, code, signal }, 'worker exited: starting a replacement');
    fork();
  });

  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ workers: Object.keys(cluster.workers ?? {}).length }, 'stopping: draining workers');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const exited = Promise.all(
      alive.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve())))),
    );
    for (const w of alive) w.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      logger.warn('workers did not drain in time: killing them');
      for (const w of alive) if (!w.isDead()) w.process.kill('SIGKILL');
    }, DRAIN_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    if (stopHandler) cluster.off('message', stopHandler);
    await sandbox.stop();
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));

  for (let i = 0; i < count; i++) fork();
  try {
    await allReady;
  } catch {
    return url;
  }
  const simulated = Object.keys(sandbox.simulators);
  logger.info(
    { workers: count, mode: config.mode, simulated, store: config.store?.kind ?? 'memory' },
    `vendorgraph ready at ${url} (${count} workers, ${config.mode} mode)`,
  );
  if (config.mode === 'sandbox') {
    process.stdout.write(
      `\n  vendorgraph (sandbox mode, ${count} workers) — GraphQL at ${url}\n  simulated vendors: ${simulated.join(', ') || 'none'}\n\n`,
    );
  }
  return url;
}
