/**
 * Entry point: parse config → start the simulators in sandbox mode → create the server → listen.
 * The wiring lives in the composition root (src/app.ts), which loads Apollo Server and the
 * simulators only once the configuration is valid.
 */
import { ConfigError, type Config } from './config.js';
import { Redactor, stripUrls } from './redact.js';
import type { RunningGateway } from './app.js';

export type { RunningGateway } from './app.js';

async function main(): Promise<void> {
  const { loadConfig, startGateway, startSandboxes } = await import('./app.js');
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
  const [{ createLogger }, { ListenError }, { exitOnTerminationSignals }, { closeVendorConnections }] =
    await Promise.all([
      import('./logger.js'),
      import('./lifecycle/listen.js'),
      import('./lifecycle/shutdown.js'),
      import('./lifecycle/connections.js'),
    ]);
  const redactor = new Redactor(config.secrets);
  const logger = createLogger(config.logLevel, undefined, redactor);
  // VENDORGRAPH_WORKERS > 1: the primary supervises and returns here; workers serve below.
  const { joinCluster } = await import('./cluster/index.js');
  const role = await joinCluster(config, logger, startSandboxes);
  if (role.primary) return;
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(config, { logger, redactor, ...role.options });
  } catch (error) {
    if (error instanceof ListenError) {
      logger.fatal({ host: error.host, port: error.port, code: error.code }, error.message);
      process.stderr.write(`vendorgraph: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  role.ready(gateway);
  for (const entry of Object.values(gateway.server.registry)) {
    if (entry.mode === 'NOT_CONFIGURED')
      logger.warn(
        { vendor: entry.name },
        `${entry.name} is not configured (${entry.message}): its fields answer VENDOR_NOT_CONFIGURED`,
      );
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
  if (config.mode === 'sandbox' && !role.worker) {
    process.stdout.write(
      `\n  vendorgraph (sandbox mode) — GraphQL at ${gateway.url}\n  simulated vendors: ${simulated.join(', ') || 'none'}\n\n`,
    );
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
    process.stderr.write(
      `vendorgraph failed to start: ${stripUrls(error instanceof Error ? error.message : String(error))}\n`,
    );
    process.exit(1);
  });
}
