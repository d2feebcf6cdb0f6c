/**
 * Entry point: parse config → start the simulators in sandbox mode → create the server → listen.
 */
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Clock } from './http/clock.js';
import { createLogger } from './logger.js';
import { startSandboxes, type RunningSandbox } from './sandbox/index.js';
import { createServer, type GatewayServer } from './server.js';
import type { VendorName } from './vendors/index.js';

export interface RunningGateway {
  url: string;
  server: GatewayServer;
  sandbox: RunningSandbox;
  http: Server;
  close(): Promise<void>;
}

/** Starts a whole gateway (simulators included in sandbox mode) and listens. */
export async function startGateway(config: Config, options: { logger?: ReturnType<typeof createLogger>; clock?: Clock } = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const sandbox = await startSandboxes(config);
  const simulated = Object.keys(sandbox.simulators) as VendorName[];
  const server = await createServer(sandbox.config, { logger, simulated, clock: options.clock });
  const http = await new Promise<Server>((resolve) => {
    const s = server.app.listen(config.port, config.host, () => resolve(s));
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    server,
    sandbox,
    http,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.stop();
      await sandbox.stop();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const gateway = await startGateway(config, { logger });
  for (const entry of Object.values(gateway.server.registry)) {
    if (entry.mode === 'NOT_CONFIGURED') logger.warn({ vendor: entry.name }, `${entry.name} is not configured (${entry.message}): its fields answer VENDOR_NOT_CONFIGURED`);
  }
  const simulated = Object.keys(gateway.sandbox.simulators);
  logger.info({ mode: config.mode, simulated }, `vendorgraph ready at ${gateway.url} (${config.mode} mode${simulated.length ? `; simulated: ${simulated.join(', ')}` : ''})`);
  if (config.mode === 'sandbox') {
    process.stdout.write(`\n  vendorgraph (sandbox mode) — GraphQL at ${gateway.url}\n  simulated vendors: ${simulated.join(', ') || 'none'}\n\n`);
  }
  const shutdown = () => {
    logger.info('shutting down');
    gateway.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  void main();
}
