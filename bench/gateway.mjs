/**
 * The benchmarks' gateway: the real gateway (startGateway) in a process of its own, configured by
 * the environment the runner passes, with vendors pointed at the benchmark sandbox. It reports its
 * URL over IPC, answers CPU, memory and profiling questions (bench/lib/protocol.ts), and exits when
 * the runner goes away.
 *
 * Plain JavaScript, so that with BENCH_GATEWAY_BUILD=dist the process is what production runs:
 * Node on the compiled dist/ with no TypeScript loader in it. Otherwise the runner starts it with
 * tsx and it loads src/.
 */
import { Session } from 'node:inspector/promises';
import process from 'node:process';
import v8 from 'node:v8';
import { URL } from 'node:url';

// BENCH_GATEWAY_ROOT: another checkout's gateway (bench/compare.ts measures two side by side).
const base = process.env.BENCH_GATEWAY_ROOT
  ? new URL(`file://${process.env.BENCH_GATEWAY_ROOT.replace(/\/?$/, '/')}`).href
  : new URL('../', import.meta.url).href;
const root = base + (process.env.BENCH_GATEWAY_BUILD === 'dist' ? 'dist/' : 'src/');
const { loadConfig, startGateway } = await import(root + 'app.js');

const config = loadConfig(process.env);
const gateway = await startGateway(config);

/** The in-process CPU profiler (one scenario at a time). @type {Session | undefined} */
let session;

/** @param {{ cmd: string, gc?: boolean, intervalUs?: number, intervalBytes?: number }} command */
async function handle(command) {
  if (command.cmd === 'cpu') return process.cpuUsage();
  if (command.cmd === 'profileStart') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: command.intervalUs ?? 500 });
    await session.post('Profiler.start');
    return { ok: true };
  }
  if (command.cmd === 'profileStop') {
    if (!session) throw new Error('no profile running');
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    session = undefined;
    return profile;
  }
  if (command.cmd === 'allocStart') {
    session = new Session();
    session.connect();
    await session.post('HeapProfiler.enable');
    // Objects the garbage collector already took count too: what was allocated, not what stayed.
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: command.intervalBytes ?? 16384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return { ok: true };
  }
  if (command.cmd === 'allocStop') {
    if (!session) throw new Error('no allocation profile running');
    const { profile } = await session.post('HeapProfiler.stopSampling');
    await session.post('HeapProfiler.disable');
    session.disconnect();
    session = undefined;
    return profile;
  }
  const gc = globalThis.gc;
  if (command.gc && gc) gc();
  const memory = process.memoryUsage();
  return {
    rss: memory.rss,
    heapTotal: memory.heapTotal,
    heapLimit: v8.getHeapStatistics().heap_size_limit,
    heapUsed: memory.heapUsed,
    external: memory.external,
    collected: Boolean(command.gc && gc),
  };
}

process.on('message', (/** @type {{ id: number, command: { cmd: string } }} */ message) => {
  void handle(message.command)
    .then(
      (value) => ({ id: message.id, ok: true, value }),
      (error) => ({ id: message.id, ok: false, error: String(error) }),
    )
    .then((reply) => process.send?.(reply));
});

process.on('disconnect', () => {
  void gateway.close().finally(() => process.exit(0));
});

process.send?.({ ready: true, url: gateway.url });
