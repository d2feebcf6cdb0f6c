/**
 * The benchmarks' gateway: the real gateway (src/index.ts's startGateway) in a process of its
 * own, configured by the environment the runner passes, with vendors pointed at the benchmark
 * sandbox. It reports its URL over IPC, answers memory questions, and exits when the runner goes away.
 */
import { loadConfig } from '../src/app.js';
import { startGateway } from '../src/index.js';
import type { GatewayCommand, GatewayReply } from './lib/protocol.js';

const config = loadConfig(process.env);
const gateway = await startGateway(config);

function handle(command: GatewayCommand): unknown {
  if (command.cmd === 'cpu') return process.cpuUsage();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (command.gc && gc) gc();
  const memory = process.memoryUsage();
  return { rss: memory.rss, heapTotal: memory.heapTotal, heapUsed: memory.heapUsed, external: memory.external, collected: Boolean(command.gc && gc) };
}

process.on('message', (message: { id: number; command: GatewayCommand }) => {
  let reply: GatewayReply;
  try {
    reply = { id: message.id, ok: true, value: handle(message.command) };
  } catch (error) {
    reply = { id: message.id, ok: false, error: String(error) };
  }
  process.send?.(reply);
});

process.on('disconnect', () => {
  void gateway.close().finally(() => process.exit(0));
});

process.send?.({ ready: true, url: gateway.url });
