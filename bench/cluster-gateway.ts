/**
 * The benchmarks' clustered gateway: src/index.ts's cluster start (`VENDORGRAPH_WORKERS` from the
 * environment the runner passes) in a process of its own. The primary reports the workers' URL
 * over IPC once they all serve, and stops them when the runner goes away; each worker (this same
 * file, forked by node:cluster) starts its gateway as src/index.ts does.
 */
import cluster from 'node:cluster';
import { loadConfig, startGateway, startSandboxes } from '../src/app.js';
import { joinCluster } from '../src/cluster/index.js';
import { createLogger } from '../src/logger.js';

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const role = await joinCluster(config, logger, startSandboxes);
if (role.primary) {
  process.on('message', (message: { id: number; command: { cmd: string } }) => {
    process.send?.({
      id: message.id,
      ok: true,
      value: message.command.cmd === 'cpu' ? process.cpuUsage() : process.memoryUsage(),
    });
  });
  // The runner went away: drain the workers as on SIGTERM.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.send?.({ ready: true, url: role.url });
} else if (cluster.isWorker) {
  const gateway = await startGateway(config, { logger, ...role.options });
  role.ready(gateway);
  process.once('SIGTERM', () => void gateway.close().finally(() => process.exit(0)));
}
