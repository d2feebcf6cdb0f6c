/**
 * The compiled gateway loads a library only when its configuration uses it: ioredis with a Redis
 * store, @apollo/subgraph in subgraph mode, the OpenTelemetry SDK with tracing on. Each costs every
 * other gateway resident memory (issue 15). A probe preloaded into the process lists the packages
 * it has loaded once it is ready.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, isReadyLine, startProcess, startProdArgs, stopAll } from '../support/processes.js';

const PROBE = fileURLToPath(new URL('../support/loaded-packages.mjs', import.meta.url));

const ON_DEMAND = [
  'ioredis',
  '@apollo/subgraph',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/exporter-trace-otlp-http',
];

/** The packages a ready `node dist/index.js` started with `env` has loaded. */
async function loadedPackages(env: Record<string, string>): Promise<string[]> {
  const gateway = startProcess(process.execPath, ['--import', PROBE, ...startProdArgs()], env);
  await gateway.waitForLog(isReadyLine);
  gateway.child.kill('SIGUSR2');
  const line = await gateway.waitForLog((l) => Array.isArray(l.loadedPackages));
  gateway.child.kill('SIGTERM');
  await gateway.exited;
  return line.loadedPackages as string[];
}

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

afterAll(stopAll);

describe('node dist/index.js', () => {
  it('loads neither ioredis, @apollo/subgraph nor the OpenTelemetry SDK by default', async () => {
    const loaded = await loadedPackages({ NODE_ENV: 'production', VENDORGRAPH_MODE: 'sandbox' });
    // The probe sees what it should: the libraries every gateway uses.
    expect(loaded).toEqual(expect.arrayContaining(['graphql', 'express']));
    expect(loaded.filter((name) => ON_DEMAND.includes(name))).toEqual([]);
  }, 60_000);

  it('loads each once its configuration asks for it', async () => {
    const loaded = await loadedPackages({
      NODE_ENV: 'production',
      VENDORGRAPH_MODE: 'live',
      VENDORGRAPH_FEDERATION: 'true',
      VENDORGRAPH_TRACING: 'otlp',
      // Nothing listens there: the Redis store falls back to memory, the gateway starts all the same.
      VENDORGRAPH_STORE: 'redis',
      VENDORGRAPH_REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(loaded).toEqual(expect.arrayContaining(ON_DEMAND));
  }, 60_000);
});
