/**
 * The time the http layer waits on: a vendor's Retry-After, the quota governor's pacing, token
 * expiry. One per gateway (on SharedHttpState), so a test can hand in a clock whose waits cost no
 * real time instead of sleeping through them.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** Wall-clock time and real timers: what a running gateway uses. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    await sleep(ms);
  },
};
