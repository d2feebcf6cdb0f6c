/**
 * The process lifecycle's settings, validated at startup with the rest of the configuration
 * (src/config.ts calls {@link readLifecycle}).
 */
import { z } from 'zod';
import { int } from '../env-schema.js';

/** The variables this module reads (keys are variable names). */
export const lifecycleEnv = z.object({
  VENDORGRAPH_SHUTDOWN_TIMEOUT_MS: int('a number of milliseconds', 0, 600_000)
    .default(25_000)
    .describe(
      "How long a SIGTERM/SIGINT waits for the requests in flight before cutting them; keep it below the orchestrator's grace period (Kubernetes: terminationGracePeriodSeconds, 30 s by default).",
    ),
});

export interface LifecycleConfig {
  shutdownTimeoutMs: number;
}

/** What an unconfigured gateway does. */
export const defaultLifecycle: LifecycleConfig = { shutdownTimeoutMs: 25_000 };

/** Turns validated variables into the lifecycle settings. */
export function readLifecycle(env: z.infer<typeof lifecycleEnv>): LifecycleConfig {
  return { shutdownTimeoutMs: env.VENDORGRAPH_SHUTDOWN_TIMEOUT_MS };
}
