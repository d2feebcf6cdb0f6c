/**
 * Entry point: parse config → start the simulators in sandbox mode → create the server → listen.
 *
 * Only the configuration is imported up front: a bad setting is reported before Apollo, got, the
 * vendors' clients and the simulators are loaded (they take most of the start-up time), and
 * everything else is imported once the configuration is valid.
 */
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.js';
import { redact } from './errors.js';
import type { ShutdownReport } from './lifecycle/shutdown.js';
import type { Logger } from './logger.js';
import type { RunningSandbox } from './sandbox/index.js';
import type { GatewayServer } from './server.js';
import type { VendorName } from './vendors/index.js';

export interface RunningGateway {
  url: string;
  /** Where it listens (for logs: the URL above would be redacted as a URL). */
  host: string;
  port: number;
  server: GatewayServer;
  sandbox: RunningSandbox;
  http: Server;
  /**
   * Graceful stop: new requests get 503, those in flight finish for up to `timeoutMs`
   * (VENDORGRAPH_SHUTDOWN_TIMEOUT_MS by default), then Apollo, telemetry, the store and the
   * simulators close.
   */
  shutdown(timeoutMs?: number): Promise<ShutdownReport>;
  /** Stops at once, cutting requests in flight (tests). */
  close(): Promise<void>;
}

/**
 * Starts a whole gateway (simulators included in sandbox mode). The port is bound first, so a busy
 * port fails the start at once; requests that arrive before the gateway is built get 503.
 */
export async function startGateway(config: Config, options: { logger?: Logger } = {}): Promise<RunningGateway> {
  const [{ createLogger }, { deferredHandler, listen }, { GracefulShutdown }, { defaultLifecycle }] = await Promise.all([
    import('./logger.js'),
    import('./lifecycle/listen.js'),
    import('./lifecycle/shutdown.js'),
    import('./lifecycle/config.js'),
  ]);
  const logger = options.logger ?? createLogger(config.logLevel);
  const drain = new GracefulShutdown({ logger, timeoutMs: (config.lifecycle ?? defaultLifecycle).shutdownTimeoutMs });
  const app = deferredHandler();
  const http = await listen(drain.handler(app.handler), { port: config.port, host: config.host });
  drain.attach(http);
  let server: GatewayServer;
  let sandbox: RunningSandbox;
  try {
    const [{ startSandboxes }, { createServer }] = await Promise.all([import('./sandbox/index.js'), import('./server.js')]);
    sandbox = await startSandboxes(config);
    drain.addCloser({ name: 'sandbox', close: () => sandbox.stop() });
    const simulated = Object.keys(sandbox.simulators) as VendorName[];
    server = await createServer(sandbox.config, { logger, simulated });
    // Apollo, telemetry and the store close before the simulators the vendors point at.
    drain.addCloser({ name: 'server', close: () => server.stop() }, { first: true });
  } catch (error) {
    await drain.shutdown(0);
    throw error;
  }
  app.ready(server.app);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    host: config.host,
    port,
    server,
    sandbox,
    http,
    shutdown: (timeoutMs) => drain.shutdown(timeoutMs),
    async close() {
      await drain.shutdown(0);
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
  const [{ createLogger }, { ListenError }, { exitOnTerminationSignals }, { closeVendorConnections }] = await Promise.all([
    import('./logger.js'),
    import('./lifecycle/listen.js'),
    import('./lifecycle/shutdown.js'),
    import('./lifecycle/connections.js'),
  ]);
  const logger = createLogger(config.logLevel);
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(config, { logger });
  } catch (error) {
    if (error instanceof ListenError) {
      logger.fatal({ host: error.host, port: error.port, code: error.code }, error.message);
      process.stderr.write(`vendorgraph: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  for (const entry of Object.values(gateway.server.registry)) {
    if (entry.mode === 'NOT_CONFIGURED') logger.warn({ vendor: entry.name }, `${entry.name} is not configured (${entry.message}): its fields answer VENDOR_NOT_CONFIGURED`);
  }
  const simulated = Object.keys(gateway.sandbox.simulators);
  // Host and port as fields and in the message without a scheme: the log filter strips URLs.
  const cpu = process.cpuUsage();
  logger.info(
    {
      mode: config.mode,
      host: gateway.host,
      port: gateway.port,
      path: '/graphql',
      simulated,
      pid: process.pid,
      // From the process start (Node's own boot included): wall time and CPU time.
      startupMs: Math.round(process.uptime() * 1000),
      startupCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    },
    `vendorgraph ready on ${gateway.host}:${gateway.port} (${config.mode} mode${simulated.length ? `; simulated: ${simulated.join(', ')}` : ''})`,
  );
  if (config.mode === 'sandbox') {
    process.stdout.write(`\n  vendorgraph (sandbox mode) — GraphQL at ${gateway.url}\n  simulated vendors: ${simulated.join(', ') || 'none'}\n\n`);
  }
  const timeoutMs = config.lifecycle?.shutdownTimeoutMs ?? 25_000;
  exitOnTerminationSignals({
    logger,
    // Vendor keep-alive sockets go last: nothing calls a vendor any more.
    shutdown: () => gateway.shutdown().finally(closeVendorConnections),
    // The drain, then at most 5 s to close Apollo, telemetry, Redis and the simulators.
    hardDeadlineMs: timeoutMs + 5_000,
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`vendorgraph failed to start: ${redact(error instanceof Error ? error.message : String(error))}\n`);
    process.exit(1);
  });
}
