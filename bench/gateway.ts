/**
 * The benchmarks' gateway: the real gateway (src/index.ts's startGateway) in a process of its
 * own, configured by the environment the runner passes, with vendors pointed at the benchmark
 * sandbox. It reports its URL over IPC, answers memory questions, and exits when the runner goes away.
 */
import { Session } from 'node:inspector/promises';
import type { GatewayCommand, GatewayReply } from './lib/protocol.js';

// BENCH_GATEWAY_BUILD=dist: the gateway's code is the production build (tsc output in dist/, run
// by plain Node with source maps), not the TypeScript sources through tsx.
const root = process.env.BENCH_GATEWAY_BUILD === 'dist' ? '../dist/' : '../src/';
const { loadConfig } = (await import(root + 'app.js')) as typeof import('../src/app.js');
const { startGateway } = (await import(root + 'index.js')) as typeof import('../src/index.js');

const config = loadConfig(process.env);
const gateway = await startGateway(config);

/** The in-process CPU profiler (one scenario at a time). */
let session: Session | undefined;

async function handle(command: GatewayCommand): Promise<unknown> {
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
  const gc = (globalThis as { gc?: () => void }).gc;
  if (command.gc && gc) gc();
  const memory = process.memoryUsage();
  return { rss: memory.rss, heapTotal: memory.heapTotal, heapUsed: memory.heapUsed, external: memory.external, collected: Boolean(command.gc && gc) };
}

process.on('message', (message: { id: number; command: GatewayCommand }) => {
  void handle(message.command).then(
    (value): GatewayReply => ({ id: message.id, ok: true, value }),
    (error): GatewayReply => ({ id: message.id, ok: false, error: String(error) }),
  ).then((reply) => process.send?.(reply));
});

process.on('disconnect', () => {
  void gateway.close().finally(() => process.exit(0));
});

process.send?.({ ready: true, url: gateway.url });
