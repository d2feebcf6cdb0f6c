/**
 * A clock for tests whose waits cost no real time: it runs with the wall clock, and every wait the
 * gateway asks of it (Retry-After, quota pacing) moves it forward at once instead of sleeping. A
 * test can also move it forward itself (a token nearing expiry). It records each wait, so a test
 * can assert how long the gateway chose to wait without spending that time.
 */
import type { Clock } from '../../src/http/clock.js';

export class TestClock implements Clock {
  #skipped = 0;
  /** Every wait asked of this clock, in milliseconds, in order. */
  readonly waits: number[] = [];

  now(): number {
    return Date.now() + this.#skipped;
  }

  /** Moves this clock `ms` milliseconds forward. */
  advance(ms: number): void {
    this.#skipped += ms;
  }

  async sleep(ms: number): Promise<void> {
    this.waits.push(ms);
    this.advance(Math.max(0, ms));
    // Still a turn of the event loop, as a real timer would be.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
