/**
 * Entry point: parse config → start the simulators in sandbox mode → create the server → listen.
 * The wiring lives in the composition root (src/app.ts).
 */
import { loadConfig, startGateway } from './app.js';
import { ConfigError, type Config } from './config.js';
import { createLogger } from './logger.js';
import { Redactor } from './redact.js';

export { startGateway, type RunningGateway } from './app.js';

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
  const redactor = new Redactor(config.secrets);
  const logger = createLogger(config.logLevel, undefined, redactor);
  const gateway = await startGateway(config, { logger, redactor });
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
