/**
 * The KeyValueStore of a cluster worker without Redis: every operation is a message to the
 * primary, which holds the one MemoryStore all workers share (tokens and their lock, the HTTP
 * cache, breaker marks, retry budgets, quota observations, rate-limit logs). Each operation runs
 * in the primary's single thread, so what is atomic in a MemoryStore stays atomic across workers.
 * The per-client counter is rate-limiter-flexible's RateLimiterCluster, whose master lives in the
 * primary too. State survives a worker's death: its replacement finds it in the primary.
 */
import type { Worker } from 'node:cluster';
import { RateLimiterCluster } from 'rate-limiter-flexible';
import type { KeyValueStore, MemoryStore, PointsLimiter, PointsLimiterOptions, SlotGrant } from '../http/store.js';

/** The operations a worker may ask of the primary's store. */
const OPERATIONS = ['get', 'set', 'delete', 'increment', 'acquireLock', 'releaseLock', 'takeSlot', 'markSent'] as const;
type Operation = (typeof OPERATIONS)[number];

interface StoreRequest {
  vgStore: { id: number; op: Operation; args: unknown[] };
}

interface StoreReply {
  vgStore: { id: number; ok: boolean; value?: unknown; error?: string };
}

function isRequest(message: unknown): message is StoreRequest {
  const body = (message as StoreRequest | undefined)?.vgStore;
  return typeof body === 'object' && body !== null && OPERATIONS.includes(body.op) && Array.isArray(body.args);
}

/** In the primary: answers the workers' store messages from `store`. Returns the message handler to remove on stop. */
export function serveStore(store: MemoryStore): (worker: Worker, message: unknown) => void {
  return (worker, message) => {
    if (!isRequest(message)) return;
    const { id, op, args } = message.vgStore;
    const method = store[op] as (...a: unknown[]) => Promise<unknown>;
    method.apply(store, args).then(
      (value) => reply(worker, { vgStore: { id, ok: true, value } }),
      (error: unknown) =>
        reply(worker, { vgStore: { id, ok: false, error: error instanceof Error ? error.message : String(error) } }),
    );
  };
}

function reply(worker: Worker, message: StoreReply): void {
  // A worker that died meanwhile has no channel left: nobody waits for this answer.
  if (worker.isConnected()) worker.send(message);
}

export interface IpcStoreOptions {
  /** Longest wait for the primary's answer (default 5 s). */
  timeoutMs?: number;
}

/** In a worker: the primary's store, over the IPC channel. */
export class IpcStore implements KeyValueStore {
  readonly #pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout }
  >();
  readonly #timeoutMs: number;
  readonly #onMessage: (message: unknown) => void;
  #nextId = 1;

  constructor(options: IpcStoreOptions = {}) {
    if (!process.send) throw new Error('IpcStore runs in a cluster worker (no IPC channel to a primary)');
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#onMessage = (message) => {
      const body = (message as StoreReply | undefined)?.vgStore;
      if (!body || typeof body.id !== 'number' || !('ok' in body)) return;
      const pending = this.#pending.get(body.id);
      if (!pending) return;
      this.#pending.delete(body.id);
      clearTimeout(pending.timer);
      if (body.ok) pending.resolve(body.value);
      else pending.reject(new Error(`cluster store: ${body.error}`));
    };
    process.on('message', this.#onMessage);
  }

  #ask<T>(op: Operation, ...args: unknown[]): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`cluster store: the primary did not answer ${op} within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      timer.unref();
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      process.send!({ vgStore: { id, op, args } } satisfies StoreRequest);
    });
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.#ask('get', key);
  }

  set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    return this.#ask('set', key, value, ttlMs);
  }

  delete(key: string): Promise<void> {
    return this.#ask('delete', key);
  }

  increment(key: string, by?: number, ttlMs?: number): Promise<number> {
    return this.#ask('increment', key, by, ttlMs);
  }

  acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    return this.#ask('acquireLock', key, ttlMs);
  }

  releaseLock(key: string, owner: string): Promise<void> {
    return this.#ask('releaseLock', key, owner);
  }

  takeSlot(key: string, limit: number, windowMs: number): Promise<SlotGrant> {
    return this.#ask('takeSlot', key, limit, windowMs);
  }

  markSent(key: string, ticket: string, delayMs: number): Promise<void> {
    return this.#ask('markSent', key, ticket, delayMs);
  }

  /** rate-limiter-flexible's RateLimiterCluster: counted by the RateLimiterClusterMaster in the primary. */
  pointsLimiter(options: PointsLimiterOptions): PointsLimiter {
    return new RateLimiterCluster({
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationS,
      timeoutMs: this.#timeoutMs,
    });
  }

  /** Stops listening; calls still waiting fail. */
  async close(): Promise<void> {
    process.off('message', this.#onMessage);
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error('cluster store closed'));
      this.#pending.delete(id);
    }
  }
}
