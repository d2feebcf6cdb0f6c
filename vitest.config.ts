import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node loads its CJS build for Apollo while Vite would pick
    // the .mjs one for our sources. One instance, as in production, keeps instanceof honest.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Fails a test on any simulator wire-rule violation it did not announce (test/support/violations.ts).
    setupFiles: ['test/support/violations.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file starts its own gateway and simulators on free loopback ports.
    pool: 'forks',
  },
});
