/* global process */
// Preloaded with `node --import` by test/production/lazy-libraries.test.ts: on SIGUSR2 the process
// writes one JSON line `{"loadedPackages": [...]}` naming every npm package loaded as CommonJS so
// far (ioredis, @apollo/subgraph, yaml and the OpenTelemetry SDK all are). Plain JavaScript: it
// runs in the compiled gateway, without tsx.
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;

process.on('SIGUSR2', () => {
  const names = new Set();
  for (const path of Object.keys(cache)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path.replaceAll('\\', '/'));
    if (match) names.add(match[1]);
  }
  process.stdout.write(`${JSON.stringify({ loadedPackages: [...names].sort() })}\n`);
});
