/**
 * Fair use of a rate-limited vendor: one GraphQL operation may have at most `cap` calls waiting in
 * (or running through) a vendor's rate-limit queue at once. Its further calls wait here, in the
 * operation's own line, so the queue is FIFO across operations rather than across calls: a
 * 50-call read of Flxpoint no longer puts 50 calls ahead of another client's one-call read, which
 * now waits for at most `cap` of them. The wait is bounded by the operation's deadline.
 */
import { GatewayError } from '../errors.js';
import type { RequestScope } from './scope.js';

/** A counting semaphore whose waiters give up at a deadline. */
class Line {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly cap: number) {}

  /** Resolves when a place is free; rejects with VENDOR_TIMEOUT when `deadline` (epoch ms) passes first. */
  acquire(deadline: number, vendor: string): Promise<void> {
    if (this.#active < this.cap) {
      this.#active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const grant = () => {
        clearTimeout(timer);
        this.#active += 1;
        resolve();
      };
      this.#waiting.push(grant);
      if (Number.isFinite(deadline)) {
        timer = setTimeout(
          () => {
            const i = this.#waiting.indexOf(grant);
            if (i >= 0) this.#waiting.splice(i, 1);
            reject(
              new GatewayError(
                'VENDOR_TIMEOUT',
                `${vendor} was not called: the operation ran out of time waiting for its turn in the rate limit`,
                { vendor },
              ),
            );
          },
          Math.max(0, deadline - Date.now()),
        );
      }
    });
  }

  release(): void {
    this.#active -= 1;
    this.#waiting.shift()?.();
  }
}

/** Each operation's line per rate-limit queue (keyed by the limiter object; gone with the scope). */
const lines = new WeakMap<RequestScope, WeakMap<object, Line>>();

/**
 * Runs `task` (which enqueues one call in `queue`) once `scope` has fewer than `cap` calls in that
 * queue. Without a scope (startup calls) or with `cap` 0 it runs at once.
 */
export async function takeTurn<T>(
  scope: RequestScope | undefined,
  queue: object,
  cap: number,
  vendor: string,
  task: () => Promise<T>,
): Promise<T> {
  if (!scope || cap <= 0) return task();
  let perQueue = lines.get(scope);
  if (!perQueue) lines.set(scope, (perQueue = new WeakMap()));
  let line = perQueue.get(queue);
  if (!line) perQueue.set(queue, (line = new Line(cap)));
  await line.acquire(scope.deadline, vendor);
  try {
    return await task();
  } finally {
    line.release();
  }
}
